#!/usr/bin/env bash
# Re-derives the top-level standalone.xml from WildFly's stock standalone.xml and kubee.cli,
# with the offline CLI (embed-server) of a scratch copy of the dist zip in the Maven repository.
# Run it after changing kubee.cli or the WildFly version, then review `git diff standalone.xml`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' "$ROOT/pom.xml")"
ZIP="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/wildfly/wildfly-dist/$VERSION/wildfly-dist-$VERSION.zip"
[[ -f "$ZIP" ]] || (cd "$ROOT" && mvn -B -q dependency:get "-Dartifact=org.wildfly:wildfly-dist:$VERSION:zip")

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
unzip -q "$ZIP" -d "$SCRATCH"
SERVER="$SCRATCH/wildfly-$VERSION"
{
  echo "embed-server --server-config=standalone.xml --std-out=discard"
  cat "$ROOT/docs/wildfly/kubee.cli"
  echo "stop-embedded-server"
} >"$SCRATCH/regenerate.cli"
"$SERVER/bin/jboss-cli.sh" --file="$SCRATCH/regenerate.cli"
cp "$SERVER/standalone/configuration/standalone.xml" "$ROOT/standalone.xml"
echo "wrote $ROOT/standalone.xml (WildFly $VERSION + docs/wildfly/kubee.cli)"
