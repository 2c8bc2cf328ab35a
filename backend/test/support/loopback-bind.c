/* Copied from the peers kit (shared/peers/lib/loopback-bind.c); test/support/dcmtk-peer.ts builds it for the dcmtk peers. */
/* LD_PRELOAD shim: DCMTK 3.6.7 (Debian bookworm) has no bind-address option
 * and listens on 0.0.0.0. This rewrites any bind() to the IPv4 wildcard
 * address into a bind() to 127.0.0.1 (and ::/in6addr_any into ::1), so the
 * peers stay on loopback. Build: gcc -shared -fPIC -O2 -o loopback-bind.so loopback-bind.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real_bind)(int, const struct sockaddr *, socklen_t);
  if (!real_bind) real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
  if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
    struct sockaddr_in a;
    memcpy(&a, addr, sizeof a);
    if (a.sin_addr.s_addr == htonl(INADDR_ANY)) {
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      return real_bind(fd, (const struct sockaddr *)&a, sizeof a);
    }
  } else if (addr && addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
    struct sockaddr_in6 a6;
    memcpy(&a6, addr, sizeof a6);
    if (memcmp(&a6.sin6_addr, &in6addr_any, sizeof(struct in6_addr)) == 0) {
      a6.sin6_addr = in6addr_loopback;
      return real_bind(fd, (const struct sockaddr *)&a6, sizeof a6);
    }
  }
  return real_bind(fd, addr, len);
}
