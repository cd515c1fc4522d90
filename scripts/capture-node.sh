#!/bin/sh
# capture-node.sh: capture one node's container-runtime inventory for
# `reclaim import crictl` (see docs/capture.md).
#
#   capture-node.sh [-n NODE] [-o DIR] [-p PREV.json]
#
# Run it on the node, as root (crictl needs the CRI socket). It writes, each
# through a temporary file renamed into place, so an interrupted capture
# never leaves a half-written file:
#
#   captured-at.txt     UTC instant taken just before `crictl ps`, written
#                       last: its presence marks a finished capture
#   containers.json     crictl ps -a -o json
#   sandboxes.json      crictl pods -o json
#   images.json         crictl images -o json
#   imagefsinfo.json    crictl imagefsinfo -o json     (informational)
#   crictl-version.txt  crictl --version; crictl version
#   pod-log-dirs.txt    ls -1 /var/log/pods
#   summary.json        kubectl get --raw /api/v1/nodes/NODE/proxy/stats/summary
#   api-pods.json       kubectl get pods -A -o json --field-selector spec.nodeName=NODE
#
# and prints the `reclaim import crictl` command for the capture on stdout
# (progress and warnings go to stderr).
#
# Without kubectl (or with KUBECTL pointing at nothing) the last two are
# skipped with a warning, and the commands to fetch them from any machine with
# cluster access are printed instead.
#
# Environment:
#   NODE_NAME    default for -n (else the host name, lower-cased)
#   CRICTL       crictl command, may carry arguments, e.g.
#                "crictl --runtime-endpoint unix:///run/containerd/containerd.sock"
#                (crictl also honours CONTAINER_RUNTIME_ENDPOINT)
#   KUBECTL      kubectl command, may carry arguments (default: kubectl)
#   POD_LOG_DIR  the kubelet's pod log directory (default: /var/log/pods)
#
# From a workstation, through an ephemeral debug pod (the node's filesystem is
# mounted at /host; chroot into it so crictl, its config and the CRI socket
# are found where the node keeps them):
#
#   kubectl debug node/NODE -it --profile=sysadmin --image=busybox
#   # chroot /host
#   # sh /path/to/capture-node.sh -n NODE -o /var/tmp/reclaim-capture
#
# Exit status: 0 done (possibly with warnings about skipped kubectl files),
# 1 a command failed, 64 wrong usage.

# The small functions below run through capture "$@", which ShellCheck cannot
# follow (SC2317: "command appears to be unreachable").
# shellcheck disable=SC2317
set -eu

PROG=${0##*/}

usage() {
	cat <<EOF
usage: $PROG [-n NODE] [-o DIR] [-p PREV.json]

  -n NODE      node name as Kubernetes knows it (default: \$NODE_NAME, else
               the host name in lower case)
  -o DIR       output directory (default: ./capture-NODE-YYYYMMDDTHHMMSSZ)
  -p PREV.json previous snapshot of this node, passed on as --previous in the
               printed import command
EOF
}

warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
note() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() {
	printf '%s: error: %s\n' "$PROG" "$*" >&2
	exit 1
}

# quote ARG for a POSIX shell, unless it is made of harmless characters only
quote() {
	case $1 in
	'' | *[!A-Za-z0-9_./:=@+,-]*)
		printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
		;;
	*) printf '%s' "$1" ;;
	esac
}

NODE=${NODE_NAME:-}
OUT=
PREV=
while getopts 'n:o:p:h' opt; do
	case $opt in
	n) NODE=$OPTARG ;;
	o) OUT=$OPTARG ;;
	p) PREV=$OPTARG ;;
	h)
		usage
		exit 0
		;;
	*)
		usage >&2
		exit 64
		;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 0 ]; then
	usage >&2
	exit 64
fi

if [ -z "$NODE" ]; then
	if command -v hostname >/dev/null 2>&1; then
		NODE=$(hostname)
	else
		NODE=$(uname -n)
	fi
	NODE=$(printf '%s' "$NODE" | tr '[:upper:]' '[:lower:]')
fi
case $NODE in
'' | *[!a-z0-9.-]* | [.-]* | *[.-])
	printf '%s: error: %s is not a node name (lowercase letters, digits, "-" and "."); pass -n NODE\n' \
		"$PROG" "$(quote "$NODE")" >&2
	exit 64
	;;
esac

CRICTL=${CRICTL:-crictl}
KUBECTL=${KUBECTL:-kubectl}
POD_LOG_DIR=${POD_LOG_DIR:-/var/log/pods}

# $CRICTL and $KUBECTL are split into words on purpose: they may carry flags.
# shellcheck disable=SC2086
crictl_() { $CRICTL "$@"; }
# shellcheck disable=SC2086
kubectl_() { $KUBECTL "$@"; }

have() { command -v "${1%% *}" >/dev/null 2>&1; }

have "$CRICTL" || die "crictl not found (${CRICTL%% *}); set CRICTL or PATH"

if [ -z "$OUT" ]; then
	OUT=./capture-$NODE-$(date -u +%Y%m%dT%H%M%SZ)
fi
if [ -e "$OUT/containers.json" ] || [ -e "$OUT/captured-at.txt" ]; then
	die "$OUT already holds a capture; choose another -o DIR"
fi
mkdir -p "$OUT" || die "cannot create $OUT"

if [ -n "$PREV" ] && [ ! -r "$PREV" ]; then
	warn "previous snapshot $PREV is not readable here; the printed command names it anyway"
fi

# Temporary files are hidden (a leading dot) and removed on any exit.
cleanup() { rm -f "$OUT"/.*.tmp."$$"; }
trap cleanup EXIT
trap 'cleanup; trap - EXIT; exit 130' INT
trap 'cleanup; trap - EXIT; exit 143' TERM
trap 'cleanup; trap - EXIT; exit 129' HUP

# capture NAME CMD [ARG...]: CMD's standard output becomes $OUT/NAME, or
# nothing at all if CMD fails or the capture is interrupted.
capture() {
	name=$1
	shift
	tmp=$OUT/.$name.tmp.$$
	if "$@" >"$tmp"; then
		mv -f "$tmp" "$OUT/$name"
	else
		rc=$?
		rm -f "$tmp"
		return "$rc"
	fi
}

instant() { printf '%s\n' "$captured_at"; }
versions() {
	crictl_ --version
	crictl_ version
}
log_dirs() { LC_ALL=C ls -1 "$POD_LOG_DIR"; }

note "capturing node $NODE into $OUT"

# The instant first, then the runtime lists in this order: a sandbox exists
# before its containers and an image before the containers made from it, so
# everything `ps` names is in the later lists (unless removed meanwhile). The
# API server comes last, so a pod deleted meanwhile shows as deleted.
captured_at=$(date -u +%Y-%m-%dT%H:%M:%SZ) || die "date failed"
capture containers.json crictl_ ps -a -o json || die "crictl ps -a -o json failed"
capture sandboxes.json crictl_ pods -o json || die "crictl pods -o json failed"
capture images.json crictl_ images -o json || die "crictl images -o json failed"
capture imagefsinfo.json crictl_ imagefsinfo -o json || warn "crictl imagefsinfo -o json failed (informational only)"
capture crictl-version.txt versions || warn "crictl version failed (informational only)"

if [ -d "$POD_LOG_DIR" ]; then
	capture pod-log-dirs.txt log_dirs || warn "ls -1 $POD_LOG_DIR failed; pod-log-dirs.txt skipped"
else
	warn "$POD_LOG_DIR is not a directory here (set POD_LOG_DIR); pod-log-dirs.txt skipped"
fi

status=0
summary_cmd="kubectl get --raw /api/v1/nodes/$NODE/proxy/stats/summary"
pods_cmd="kubectl get pods -A -o json --field-selector spec.nodeName=$NODE"
if have "$KUBECTL"; then
	capture summary.json kubectl_ get --raw "/api/v1/nodes/$NODE/proxy/stats/summary" ||
		{
			warn "$summary_cmd failed (needs get on nodes/proxy)"
			status=1
		}
	capture api-pods.json kubectl_ get pods -A -o json --field-selector "spec.nodeName=$NODE" ||
		{
			warn "$pods_cmd failed (needs list on pods)"
			status=1
		}
else
	warn "kubectl not found (${KUBECTL%% *}); summary.json and api-pods.json skipped"
fi

capture captured-at.txt instant || die "cannot write $OUT/captured-at.txt"

D=$(quote "$OUT")
for f in summary.json api-pods.json; do
	if [ ! -e "$OUT/$f" ]; then
		case $f in
		summary.json) c=$summary_cmd ;;
		*) c=$pods_cmd ;;
		esac
		note "$f is missing; from a machine with cluster access run:"
		printf '    %s > %s/%s\n' "$c" "$D" "$f" >&2
	fi
done

cmd="reclaim import crictl --node $NODE --captured-at \$(cat $D/captured-at.txt)"
cmd="$cmd --containers $D/containers.json --pods $D/sandboxes.json --images $D/images.json"
cmd="$cmd --stats-summary $D/summary.json --api-pods $D/api-pods.json"
if [ -e "$OUT/pod-log-dirs.txt" ]; then
	cmd="$cmd --pod-log-dirs $D/pod-log-dirs.txt"
fi
if [ -n "$PREV" ]; then
	cmd="$cmd --previous $(quote "$PREV")"
fi
cmd="$cmd -o $D/snapshot.json"

note "done; import with:"
printf '%s\n' "$cmd"
exit "$status"
