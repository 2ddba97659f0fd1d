#!/usr/bin/env bash
# Creates a package skeleton: scripts/new-package.sh <dir-name> <description>
set -euo pipefail
name=$1; desc=$2; dir=packages/$name
mkdir -p "$dir/src" "$dir/test"
cat > "$dir/package.json" <<JSON
{
  "name": "@zvm/$name",
  "version": "0.1.0",
  "description": "$desc",
  "type": "module",
  "sideEffects": false,
  "license": "MIT",
  "repository": { "type": "git", "url": "git+https://github.com/zvm-project/zvm.git", "directory": "packages/$name" },
  "engines": { "node": ">=20.19" },
  "types": "./dist/index.d.ts",
  "exports": {
    ".": { "source": "./src/index.ts", "types": "./dist/index.d.ts", "import": "./dist/index.js", "default": "./dist/index.js" }
  },
  "files": ["dist", "src", "!src/**/*.test.ts"],
  "scripts": {
    "build": "tsc -p tsconfig.build.json",
    "typecheck": "tsc -p tsconfig.json --noEmit"
  },
  "dependencies": {}
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": ".", "outDir": "dist", "noEmit": true },
  "include": ["src", "test"]
}
JSON
cat > "$dir/tsconfig.build.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "noEmit": false, "customConditions": [] },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"]
}
JSON
echo "export {}" > "$dir/src/index.ts"
cp LICENSE "$dir/LICENSE"
