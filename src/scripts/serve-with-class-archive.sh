#!/bin/sh
# Runs `selfrenewal-server.jar serve` with an application class-data archive (AppCDS, Java 17), which
# shortens the server's start to ready (issue 10, docs/performance.md "Server start to ready"):
# - when the archive for this jar is missing, this run records the classes it loads and writes the archive
#   when it stops (SIGTERM, `systemctl stop` or `restart`: a few seconds more at that stop);
# - when it is there, the JVM maps those classes instead of reading, parsing and verifying them.
# The archive is named after the jar's modification time and size, so a new jar records a new archive
# (old ones are deleted); a damaged or unusable archive is ignored by the JVM (-Xshare:auto), never fatal.
# Usage: serve-with-class-archive.sh ARCHIVE_DIRECTORY SERVER_JAR [serve options...]
#   e.g. serve-with-class-archive.sh /var/lib/selfrenewal /opt/selfrenewal/selfrenewal-server.jar --data-dir ...
# JAVA names the java command (default: java on the PATH); JAVA_OPTS adds JVM options.
set -eu
if [ "$#" -lt 2 ]; then
    echo "usage: $0 ARCHIVE_DIRECTORY SERVER_JAR [serve options...]" >&2
    exit 2
fi
directory=$1
jar=$2
shift 2
stamp=$(stat -c %Y-%s "$jar")
archive="$directory/selfrenewal-server-$stamp.jsa"
if [ -f "$archive" ]; then
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec "${JAVA:-java}" ${JAVA_OPTS:-} -XX:SharedArchiveFile="$archive" -Xshare:auto -jar "$jar" serve "$@"
fi
rm -f "$directory"/selfrenewal-server-*.jsa
# -Xlog:cds*=error: not a line for each class the archive cannot hold (picocli's are Java 5 class files)
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$archive" '-Xlog:cds*=error' -jar "$jar" serve "$@"
