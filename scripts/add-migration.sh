#!/usr/bin/env bash
# A schema change in one command: `bash scripts/add-migration.sh <Name>` adds the migration <Name> to both providers'
# sets (src/Portal/Data/Migrations/{Sqlite,Postgres}), which always change together, then regenerates the compiled
# models (scripts/compile-model.sh). The start's quick schema check reads the newest migration from the migrations
# themselves (Data/SchemaVersion.cs), so nothing else is edited by hand. ModelTests fails if anything is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
  echo "usage: scripts/add-migration.sh <Name>   (a PascalCase name for the change, e.g. StoryAuthors)" >&2
  exit 2
fi
name=$1

dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Portal --context SqlitePortalDbContext --output-dir Data/Migrations/Sqlite
# The PostgreSQL set is made from the same build: the SQLite migration just written changes neither the model nor the
# PostgreSQL snapshot.
if ! dotnet ef migrations add "$name" --project src/Portal --no-build --context PostgresPortalDbContext --output-dir Data/Migrations/Postgres; then
  echo "add-migration: the PostgreSQL migration failed; the SQLite one was added. Undo it with" >&2
  echo "  dotnet ef migrations remove --project src/Portal --context SqlitePortalDbContext" >&2
  exit 1
fi
bash scripts/compile-model.sh
echo "add-migration: $name added for SQLite and PostgreSQL, compiled models regenerated. Review and commit"
echo "src/Portal/Data/Migrations and src/Portal/Data/CompiledModels together."
