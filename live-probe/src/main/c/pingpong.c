// Blocking TCP request/response over one persistent connection: the workload the simulator's
// default scenario models (64-byte request, 64-byte response, one round trip at a time).
//
//   pingpong server PORT
//   pingpong client ADDRESS PORT ROUND_TRIPS [BYTES [raw]]
// The client prints round-trip p50/p90/p99 in µs, or with "raw" every round trip in ns, one a line.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int full(ssize_t (*io)(int, void *, size_t), int fd, char *buf, size_t len) {
    size_t done = 0;
    while (done < len) {
        ssize_t n = io(fd, buf + done, len - done);
        if (n <= 0) return -1;
        done += (size_t)n;
    }
    return 0;
}

static ssize_t do_read(int fd, void *buf, size_t len) { return read(fd, buf, len); }
static ssize_t do_write(int fd, void *buf, size_t len) { return write(fd, buf, len); }

static int cmp_long(const void *a, const void *b) {
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static void nodelay(int fd) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static int serve(int port) {
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = INADDR_ANY};
    if (bind(lfd, (void *)&a, sizeof a) || listen(lfd, 16)) { perror("pingpong server"); return 1; }
    char buf[65536];
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) continue;
        nodelay(fd);
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0)
            if (full(do_write, fd, buf, (size_t)n)) break;
        close(fd);
    }
}

static int client(const char *addr, int port, int rounds, int bytes, int raw) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, addr, &a.sin_addr);
    int fd = -1;
    for (int attempt = 0; attempt < 300; attempt++) { /* the server may still be starting */
        fd = socket(AF_INET, SOCK_STREAM, 0);
        if (!connect(fd, (void *)&a, sizeof a)) break;
        close(fd);
        fd = -1;
        usleep(10000);
    }
    if (fd < 0) { perror("pingpong client"); return 1; }
    nodelay(fd);
    char *buf = calloc(1, (size_t)bytes);
    long *rtt = calloc((size_t)rounds, sizeof *rtt);
    for (int i = 0; i < rounds; i++) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        if (full(do_write, fd, buf, (size_t)bytes) || full(do_read, fd, buf, (size_t)bytes)) {
            fprintf(stderr, "pingpong client: connection lost\n");
            return 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        rtt[i] = (t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
        if (raw) /* as it goes, so that a reader can show progress; stdout is buffered, outside the timing */
            printf("%ld\n", rtt[i]);
    }
    if (raw)
        return fflush(stdout) ? 1 : 0;
    qsort(rtt, (size_t)rounds, sizeof *rtt, cmp_long);
    printf("rtt_us p50=%.1f p90=%.1f p99=%.1f\n", rtt[rounds / 2] / 1e3, rtt[rounds * 9 / 10] / 1e3,
           rtt[rounds * 99 / 100] / 1e3);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && !strcmp(argv[1], "server")) return serve(atoi(argv[2]));
    if (argc >= 5 && argc <= 7 && !strcmp(argv[1], "client"))
        return client(argv[2], atoi(argv[3]), atoi(argv[4]), argc >= 6 ? atoi(argv[5]) : 64,
                      argc == 7 && !strcmp(argv[6], "raw"));
    fprintf(stderr, "usage: pingpong server PORT | pingpong client ADDRESS PORT ROUND_TRIPS [BYTES [raw]]\n");
    return 2;
}
