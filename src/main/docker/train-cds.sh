#!/bin/sh
# Trains the class-data archive (docs/operations.md, "Start-up and class data sharing") with the profile the image
# runs: PostgreSQL. A throwaway PostgreSQL cluster is started in a temporary folder, the application context starts
# on it once (the Flyway migrations, the PostgreSQL driver and dialect, every bean), the classes it loaded are
# written to the archive, and the cluster is removed. Runs as root (the cluster runs as the postgres user).
#
#   train-cds.sh JAR ARCHIVE        e.g. train-cds.sh /app/misalignment-dashboard.jar /app/app.jsa
set -eu
jar=$1
archive=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
	echo "train-cds: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2
	exit 1
fi
port=${TRAIN_CDS_PORT:-55431}
data=$(mktemp -d /tmp/train-cds.XXXXXX)
chown postgres "$data"
stop() {
	su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data/cluster' -m immediate stop" > /dev/null 2>&1 || true
	rm -rf "$data"
}
trap stop EXIT
su postgres -s /bin/sh -c "$bin/initdb -D '$data/cluster' -U postgres -A trust --no-sync" > "$data/initdb.log"
su postgres -s /bin/sh -c "$bin/pg_ctl -D '$data/cluster' -l '$data/postgres.log' -w \
	-o \"-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$data' -c fsync=off\" start" \
	> /dev/null
# the real start's profile and settings; the demo is not imported (the database stays empty), the context exits once
# it has started, and its servers listen on free ports (a port taken on the build machine must not fail the build)
SPRING_PROFILES_ACTIVE=postgres \
	DATABASE_URL="jdbc:postgresql://127.0.0.1:$port/postgres?reWriteBatchedInserts=true" \
	DATABASE_USER=postgres DATABASE_PASSWORD=unused \
	java -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh -jar "$jar" \
	--dashboard.demo.enabled=false --server.port=0 --management.server.port=0
test -s "$archive"
echo "train-cds: $archive trained on the postgres profile ($(du -h "$archive" | cut -f1))"
