#!/usr/bin/env bash
# Builds Kubee's container images without the internet, from Debian packages, and pushes them to
# a registry over plain HTTP (shared/reference/CRI.md, "A local registry that containerd pulls
# from"):
#
#   busybox:1  Debian's busybox-static, every applet a symlink (sh, wget, httpd, nc, ...), with
#              /etc/passwd, /etc/group and /tmp: the image for workloads and tests (~1 MB)
#   pause:1    the pod sandbox image: `busybox sleep infinity` in a layer of its own, so that the
#              sandbox pull really fetches something (containerd kills it with SIGKILL on stop)
#
# usage: build.sh REGISTRY [WORKDIR]    REGISTRY is host:port, e.g. 127.0.0.1:5000
# Needs busybox-static, umoci and skopeo (Debian). Skips an image the registry already has
# (KUBEE_IMAGES_REBUILD=1 rebuilds and pushes anyway).
set -euo pipefail

registry="${1:?usage: build.sh REGISTRY [WORKDIR]}"
work="${2:-$(mktemp -d)}"
busybox="${KUBEE_BUSYBOX:-/bin/busybox}"

log() { printf 'images: %s\n' "$*" >&2; }

for tool in umoci skopeo; do
  command -v "$tool" >/dev/null || { log "missing $tool (Debian package $tool)"; exit 1; }
done
# grep reads the whole list (no -q): with pipefail, a grep that quits early would fail the
# pipeline whenever busybox is still writing (SIGPIPE)
[[ -x "$busybox" ]] && "$busybox" --list 2>/dev/null | grep -x httpd >/dev/null \
  || { log "no static busybox with httpd at $busybox (Debian package busybox-static)"; exit 1; }

has_tag() {  # has_tag NAME TAG: the registry serves that manifest
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    "http://$registry/v2/$1/manifests/$2" || true)"
  [[ "$code" == 200 ]]
}

push() {  # push LAYOUT NAME TAG
  log "pushing $2:$3 to $registry"
  skopeo copy --quiet --dest-tls-verify=false "oci:$1:$2" "docker://$registry/$2:$3"
}

new_image() {  # new_image LAYOUT NAME ROOTFS: one layer holding ROOTFS
  umoci new --image "$1:$2"
  umoci insert --image "$1:$2" "$3" /
}

mkdir -p "$work"
layout="$work/oci"
rm -rf "$layout" "$work/busybox-rootfs" "$work/pause-rootfs"
umoci init --layout "$layout"

if [[ "${KUBEE_IMAGES_REBUILD:-0}" == 1 ]] || ! has_tag busybox 1; then
  root="$work/busybox-rootfs"
  mkdir -p "$root/bin" "$root/usr/bin" "$root/etc" "$root/root" "$root/tmp" "$root/var/www"
  install -m 0755 "$busybox" "$root/bin/busybox"
  while read -r applet; do
    [[ "$applet" == busybox || -e "$root/bin/$applet" ]] || ln -s busybox "$root/bin/$applet"
  done < <("$busybox" --list)
  ln -s ../../bin/busybox "$root/usr/bin/env"
  chmod 1777 "$root/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' \
    >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  new_image "$layout" busybox "$root"
  umoci config --image "$layout:busybox" --config.cmd sh \
    --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  push "$layout" busybox 1
else
  log "$registry already has busybox:1"
fi

if [[ "${KUBEE_IMAGES_REBUILD:-0}" == 1 ]] || ! has_tag pause 1; then
  root="$work/pause-rootfs"
  mkdir -p "$root/bin"
  install -m 0755 "$busybox" "$root/bin/busybox"
  new_image "$layout" pause "$root"
  umoci config --image "$layout:pause" --config.entrypoint /bin/busybox \
    --config.entrypoint sleep --config.entrypoint infinity
  push "$layout" pause 1
else
  log "$registry already has pause:1"
fi
