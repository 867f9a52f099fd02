# Starts a published portal on 127.0.0.1 and a free port. Use with `source`.
# In: APP_DIR (published folder), APP_DB (SQLite file), optional APP_ENV (extra env assignments).
# Out: APP_PID, APP_URL, APP_LOG. Stop with app_stop.
app_start() {
  APP_LOG=$(mktemp /tmp/portal-app.XXXXXX.log)
  env ASPNETCORE_URLS=http://127.0.0.1:0 Portal__PublicUrl=http://127.0.0.1 Portal__Database__ConnectionString="Data Source=$APP_DB" \
      Logging__LogLevel__Portal.Requests=Warning ${APP_ENV:-} \
      setsid bash -c "cd '$APP_DIR' && exec dotnet Portal.dll" >"$APP_LOG" 2>&1 &
  APP_PID=$!
  local port=""
  for _ in $(seq 1 400); do
    port=$(grep -oP 'Now listening on: http://127\.0\.0\.1:\K[0-9]+' "$APP_LOG" 2>/dev/null) && break
    kill -0 "$APP_PID" 2>/dev/null || { echo "app died:"; cat "$APP_LOG"; return 1; }
    sleep 0.025
  done
  APP_URL="http://127.0.0.1:$port"
  export APP_PID APP_URL APP_LOG
}
app_stop() { kill -TERM -- -"$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
