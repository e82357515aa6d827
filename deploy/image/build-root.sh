#!/usr/bin/env bash
# Lays out the container image's whole file system under ROOT, from the JDK that runs the build and the
# connector's jar, so that Jib can build the image on `scratch` with no registry and no Docker engine:
#
#   /opt/java                      a runtime cut from this JDK (jlink) with its own class-data sharing archive
#   /lib64, /lib/x86_64-linux-gnu  the C libraries that runtime links against, copied from this machine
#   /opt/jobmojito-connector       the working directory: app/ (the jar extracted, as `mvn package` leaves it in
#                                  target/app, and app/connector.jsa), routes/, mappings/
#   /tmp                           for the JVM and the web server
#
# A CDS archive on Java 17 only serves the very JVM that made it, with the same class path string and jars of
# the same size and modification time. So the archive is trained here with the runtime that goes into the image,
# from the image's working directory layout (class path given relatively: app/...), after every file got the
# modification time Jib gives files in layers (1970-01-01T00:00:01Z).
#
# Usage: build-root.sh JAVA_HOME FAT_JAR PROJECT_DIR ROOT   (Linux, x86-64 or arm64)
set -euo pipefail

jdk=$1 jar=$2 project=$3 root=$4
modules=java.se,jdk.charsets,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.management,jdk.jfr,jdk.jcmd,\
jdk.httpserver,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs,jdk.security.auth,jdk.security.jgss
app=$root/opt/jobmojito-connector
runtime=$root/opt/java

rm -rf "$root"
mkdir -p "$root/tmp" "$app"

# the runtime
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$runtime"
# symbolic links become the files they point at: a JDK packaged by a distribution points its trust store and
# security files at /etc, and jlink links the legal notices
cp -RL "$runtime" "$runtime.copy" && rm -rf "$runtime" && mv "$runtime.copy" "$runtime"
test -s "$runtime/lib/security/cacerts"

# the C libraries: what the launcher, the JVM and the runtime's own libraries need (not the desktop ones: the
# connector is headless) and the dynamic loader, copied from this machine under the same paths
elves=("$runtime"/bin/* "$runtime"/lib/server/libjvm.so)
for so in "$runtime"/lib/*.so; do
  case "$(basename "$so")" in
    libawt*|libsplashscreen.so|libjawt.so|libjsound.so|libfontmanager.so|liblcms.so|libjavajpeg.so|libmlib_image.so|libj2pcsc.so) ;;
    *) elves+=("$so") ;;
  esac
done
ldd "${elves[@]}" 2>/dev/null | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}' | sort -u | while read -r lib; do
  case "$lib" in "$runtime"/*) continue ;; esac
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# the connector
"$jdk/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$app/app" >/dev/null
cp -R "$project/routes" "$project/mappings" "$app/"

# the modification time Jib writes, then the runtime's own archive, then the connector's, trained in place
find "$root" -exec touch -h -d @1 {} +
"$runtime/bin/java" -Xshare:dump -Xlog:cds=off >/dev/null
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
mkdir -p "$training/inbox"
# the training start reaches nothing outside: no JobMojito, ledger database, poll or SFTP server of the build's
# environment (the embedded sandbox answers instead)
unset $(env | sed -n 's/^\(\(CONNECTOR\|JOBMOJITO\)_[A-Z0-9_]*\)=.*/\1/p')
(cd "$app" && "$runtime/bin/java" -XX:ArchiveClassesAtExit=app/connector.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dspring.context.exit=onRefresh -jar app/jobmojito-connector.jar \
  --connector.inbox="$training/inbox" --connector.results="$training/results" --connector.state="$training/state" \
  --server.address=127.0.0.1 --server.port=0 --logging.level.root=ERROR --logging.level.dev.jobmojito.connector=ERROR)
test -s "$app/app/connector.jsa"
find "$root" -exec touch -h -d @1 {} +
echo "image root: $(du -sh "$root" | cut -f1) in $root"
