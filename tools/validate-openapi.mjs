// Validates OpenAPI documents with @apidevtools/swagger-parser (schema of the OpenAPI version, $refs resolved).
// Usage: node validate-openapi.mjs <file>...; prints "ok <file>" or "invalid <file>: <reason>", exits 1 on any invalid.
import SwaggerParser from "@apidevtools/swagger-parser";

for (const file of process.argv.slice(2)) {
  try {
    await SwaggerParser.validate(file);
    console.log(`ok ${file}`);
  } catch (e) {
    console.log(`invalid ${file}: ${e.message}`);
    process.exitCode = 1;
  }
}
