#!/usr/bin/env bash
# Regenerates the EF Core compiled models (src/Portal/Data/CompiledModels/{Sqlite,Postgres}) after a model change;
# scripts/add-migration.sh runs it after adding the migrations. The app loads these instead of building the model at
# every start (docs/decisions/0003), and ModelTests fails while either is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
# The files are overwritten in place (the app references them, so deleting them first would break the build the tool
# needs); files the tool did not write again belong to removed entities and go afterwards. If the build fails because
# an entity class was removed, delete that entity's *EntityType.cs by hand first.
stamp=$(mktemp); trap 'rm -f "$stamp"' EXIT
for p in Sqlite Postgres; do
  dotnet ef dbcontext optimize --project src/Portal --context "${p}PortalDbContext" \
    --output-dir "Data/CompiledModels/$p" --namespace "Portal.Data.CompiledModels.$p"
done
find src/Portal/Data/CompiledModels -name '*.cs' ! -newer "$stamp" -print -delete
