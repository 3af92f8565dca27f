# shellcheck shell=bash
# Shared by the scripts of bench/backup: the instance's paths, psql on its database, the summary.
set -euo pipefail

die() { echo "${0##*/}: $*" >&2; exit 1; }
[[ $EUID -eq 0 ]] || die "run as root"
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# instance ROOT NAME: sets ROOT, NAME, I (instance dir), U (its user), DB, MEDIA, ETC
instance() {
    [[ -d $1 ]] || die "no directory $1"
    ROOT=$(readlink -f -- "$1"); NAME=$2
    I=$ROOT/instances/$NAME; U=lava-$NAME; DB=lava-$NAME
    MEDIA=$I/var/lib/lava-server/media; ETC=$I/etc
    [[ -d $I && -d $MEDIA ]] || die "no instance $NAME under $ROOT"
    id "$U" >/dev/null 2>&1 || die "no user $U"
}

# The machine is shared: the scripts that write refuse instances not named bench*.
bench_only() { [[ $1 == bench* ]] || die "refusing to write to instance '$1': only bench* instances"; }

# psql as postgres on the instance's database (from /, which postgres can read)
pg() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d "$DB" "$@"); }
pgval() { pg -At -c "$1"; }

now() { date +%s.%N; }
secs() { printf '%.1f' "$(echo "$(now) - $1" | bc)"; }
human() { numfmt --to=si --suffix=B --format='%.2f' "$1"; }         # 1 GB = 10^9 bytes

# summary: rows of the main tables, database size, media files and bytes
summary() {
    pg -c "SELECT t AS \"table\", n AS rows FROM (VALUES
        ('auth_user', (SELECT count(*) FROM auth_user)),
        ('lava_scheduler_app_worker', (SELECT count(*) FROM lava_scheduler_app_worker)),
        ('lava_scheduler_app_devicetype', (SELECT count(*) FROM lava_scheduler_app_devicetype)),
        ('lava_scheduler_app_device', (SELECT count(*) FROM lava_scheduler_app_device)),
        ('lava_scheduler_app_testjob', (SELECT count(*) FROM lava_scheduler_app_testjob)),
        ('lava_results_app_testsuite', (SELECT count(*) FROM lava_results_app_testsuite)),
        ('lava_results_app_testset', (SELECT count(*) FROM lava_results_app_testset)),
        ('lava_results_app_testcase', (SELECT count(*) FROM lava_results_app_testcase))) v(t, n)"
    local size first last files bytes
    size=$(pgval "SELECT pg_database_size(current_database())")
    read -r first last < <(pgval "SELECT min(submit_time)::date, max(submit_time)::date FROM lava_scheduler_app_testjob" | tr '|' ' ')
    files=$(find "$MEDIA" -type f | wc -l)
    bytes=$(find "$MEDIA" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f\n", s}')
    echo "jobs submitted from $first to $last"
    echo "database $DB: $size bytes ($(human "$size"))"
    echo "media $MEDIA: $files files, $bytes bytes ($(human "$bytes")), $(find "$MEDIA" -mindepth 5 -maxdepth 5 -type d | wc -l) job directories"
}
