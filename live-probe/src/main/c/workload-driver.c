// The live probe's workload driver: a scenario's workload (sim/workload/Workload.java) run for real.
//
//   workload-driver server PORT REQUEST_BYTES RESPONSE_BYTES CONCURRENCY
//     Answers every REQUEST_BYTES read with RESPONSE_BYTES, in order, on each connection; a RESPONSE_BYTES
//     of 0 answers nothing (a stream's receiver: it reads until the sender shuts its side). With a
//     CONCURRENCY of 1 it serves one connection at a time in its one thread; above 1, each connection
//     in a thread of its own. Its reads block, as the model's apps do.
//   workload-driver client ADDRESS PORT REQUESTS REQUEST_BYTES RESPONSE_BYTES CONNECTIONS RATE NEWCONN SEED
//     RATE 0: closed loop, each of CONNECTIONS with one request outstanding (a thread each above one);
//       NEWCONN 1 opens a connection for every request (connect to response, as TCP_CRR).
//     RATE > 0: open loop, Poisson arrivals at RATE per second from SEED, pipelined round robin over
//       CONNECTIONS: a request is written at its intended time whatever is outstanding, and its latency
//       runs from that intended time, so that queueing is not hidden (coordinated omission). Each
//       connection is one thread's event loop, as wrk2's: it sleeps in ppoll until its next request is
//       due or a response comes (a sender thread and a receiver thread on one socket fought over its lock:
//       on this VM kind, three fifths of the driver's CPU spun on it, and a 2,000/s loop took milliseconds).
//     RESPONSE_BYTES 0: a stream, as iperf3 or TCP_STREAM: the REQUESTS messages written back to back over
//       CONNECTIONS (a thread each), unanswered; then each connection shuts its side and waits for the
//       server to close, so that every byte has been read when the clock stops.
//   workload-driver timers REQUESTS THREADS RATE SEED
//     The open loop's timers alone, no network: Poisson arrivals at RATE per second from SEED, dealt round
//     robin over THREADS, each thread sleeping in ppoll until its next is due, as the open loop's does. Prints
//     how late each wake-up came after its intended time, in ns, one a line (what a VM's halted vCPUs add to
//     every open loop's latency), then "cpu USER_NS SYSTEM_NS" (what the wake-ups cost): the model's inputs.
//     Prints each request's latency in ns, one a line, as requests complete (an open loop: "LATENCY LATE", and
//     how late after its intended time its write began, which is the driver's own timers' doing; a stream:
//     "sent N" every 1,000 messages), then "elapsed NS" (the first request to the last completion), then
//     "cpu USER_NS SYSTEM_NS" (the driver's own CPU); or why it stopped.
//   workload-driver idle-wake ROUNDS CLIENT_CPU SERVER_CPU WORK_NS|busy...
//     How a CPU's idle time sets its wake-up: a ping-pong over a pair of pipes, the client pinned to CLIENT_CPU,
//     the server to SERVER_CPU, both blocking in read as a ping-pong's ends do, the server spinning WORK_NS (its
//     CPU busy, the client's idle as long) before it answers. For each WORK_NS in turn, ROUNDS round trips after
//     a tenth as many unprinted (the machine settles into that idle time's way of waking). Prints "WORK_NS
//     EXTRA_NS" a line, EXTRA_NS the round trip beyond the work: both wake-ups (on a VM a vCPU idle past the
//     host's polling wakes late, and leaves the other idle long in turn), then "done". A WORK_NS of "busy" is
//     a block of no work with both CPUs kept busy by a spinning thread of the lowest priority (SCHED_IDLE),
//     which each wake-up preempts: a wake-up from the other CPU onto a busy one, which has not halted. Its
//     lines read "busy EXTRA_NS".
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long request_bytes, response_bytes;

static int full(ssize_t (*io)(int, void *, size_t), int fd, char *buf, long len) {
    long done = 0;
    while (done < len) {
        ssize_t n = io(fd, buf + done, (size_t)(len - done));
        if (n <= 0) return -1;
        done += n;
    }
    return 0;
}

static ssize_t do_read(int fd, void *buf, size_t len) { return read(fd, buf, len); }
static ssize_t do_write(int fd, void *buf, size_t len) { return write(fd, buf, len); }

static void nodelay(int fd) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void die(const char *what) {
    fprintf(stdout, "workload-driver: %s\n", what);
    fflush(stdout);
    exit(1);
}

/* ---- server ---- */

static void *serve_connection(void *arg) {
    int fd = (int)(long)arg;
    char *in = malloc((size_t)request_bytes), *out = calloc(1, (size_t)response_bytes);
    nodelay(fd);
    while (!full(do_read, fd, in, request_bytes))
        if (response_bytes > 0 && full(do_write, fd, out, response_bytes)) break;
    close(fd);
    free(in);
    free(out);
    return NULL;
}

static int serve(int port, int concurrency) {
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = INADDR_ANY};
    if (bind(lfd, (void *)&a, sizeof a) || listen(lfd, 1024)) { perror("workload-driver server"); return 1; }
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) continue;
        if (concurrency == 1) {
            serve_connection((void *)(long)fd);
            continue;
        }
        pthread_t thread;
        if (pthread_create(&thread, NULL, serve_connection, (void *)(long)fd)) { close(fd); continue; }
        pthread_detach(thread);
    }
}

/* ---- client ---- */

static struct sockaddr_in server;
static long requests, connections, new_connection;
static atomic_long next_request;
static long *intended; /* open loop: each request's intended send time, ns */
static long *late;     /* open loop: how long after it its write began, ns */
static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;

static void report(long latency_ns) {
    pthread_mutex_lock(&print_lock);
    printf("%ld\n", latency_ns); /* as it goes, so that a reader can show progress */
    pthread_mutex_unlock(&print_lock);
}

static void report_late(long latency_ns, long late_ns) {
    pthread_mutex_lock(&print_lock);
    printf("%ld %ld\n", latency_ns, late_ns);
    pthread_mutex_unlock(&print_lock);
}

static int dial(int attempts) {
    for (int attempt = 0; attempt < attempts; attempt++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (!connect(fd, (void *)&server, sizeof server)) {
            nodelay(fd);
            return fd;
        }
        close(fd);
        usleep(10000); /* the server may still be starting */
    }
    return -1;
}

/* Closed loop: takes the next request while there is one, writes it, reads its response. */
static void *closed_loop(void *arg) {
    int fd = (int)(long)arg;
    char *buf = calloc(1, (size_t)(request_bytes > response_bytes ? request_bytes : response_bytes));
    for (long i = atomic_fetch_add(&next_request, 1); i < requests; i = atomic_fetch_add(&next_request, 1)) {
        long t0 = now_ns();
        if (new_connection && (fd = dial(1)) < 0) die("cannot connect");
        if (full(do_write, fd, buf, request_bytes) || full(do_read, fd, buf, response_bytes)) die("connection lost");
        report(now_ns() - t0);
        if (new_connection) close(fd);
    }
    if (!new_connection) close(fd);
    free(buf);
    return NULL;
}

/* A stream: takes the next message while there is one and writes it; then shuts its side and waits for
   the server's close, which comes once it has read everything. */
static void *stream_sender(void *arg) {
    int fd = (int)(long)arg;
    char *buf = calloc(1, (size_t)request_bytes);
    for (long i = atomic_fetch_add(&next_request, 1); i < requests; i = atomic_fetch_add(&next_request, 1)) {
        if (full(do_write, fd, buf, request_bytes)) die("connection lost");
        if ((i + 1) % 1000 == 0) {
            pthread_mutex_lock(&print_lock);
            printf("sent %ld\n", i + 1);
            pthread_mutex_unlock(&print_lock);
        }
    }
    shutdown(fd, SHUT_WR);
    while (read(fd, buf, (size_t)request_bytes) > 0) {
    }
    close(fd);
    free(buf);
    return NULL;
}

struct pipeline { int fd; long first; };

/* Open loop, one connection: writes each of its requests at its intended time and reads the responses as
   they come, in one thread; neither waits on the other (a write that would block waits for room in
   ppoll, beside the responses). */
static void *open_loop(void *arg) {
    struct pipeline *p = arg;
    char *out = calloc(1, (size_t)request_bytes), *in = malloc((size_t)response_bytes);
    long sending = p->first, answered = p->first, written = 0, read_bytes = 0, noted = -1;
    while (answered < requests) {
        long wait_ns = -1; /* until a response, unless a request is due */
        int due = sending < requests && (wait_ns = intended[sending] - now_ns()) <= 0;
        if (due && noted != sending) { /* its first try: how late the timer woke the thread */
            late[sending] = -wait_ns;
            noted = sending;
        }
        if (due) {
            ssize_t n = send(p->fd, out + written, (size_t)(request_bytes - written), MSG_DONTWAIT);
            if (n < 0 && errno != EAGAIN && errno != EINTR) die("connection lost");
            if (n > 0 && (written += n) == request_bytes) {
                written = 0;
                sending += connections;
                continue;
            }
        }
        struct pollfd pfd = {.fd = p->fd, .events = POLLIN | (due ? POLLOUT : 0)};
        struct timespec timeout = {.tv_sec = wait_ns / 1000000000L, .tv_nsec = wait_ns % 1000000000L};
        if (ppoll(&pfd, 1, due || wait_ns < 0 ? NULL : &timeout, NULL) < 0 && errno != EINTR) die("poll");
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = recv(p->fd, in + read_bytes, (size_t)(response_bytes - read_bytes), MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) die("connection lost");
            if (n > 0 && (read_bytes += n) == response_bytes) {
                read_bytes = 0;
                report_late(now_ns() - intended[answered], late[answered]);
                answered += connections;
            }
        }
    }
    free(out);
    free(in);
    return NULL;
}

/* The open loop's intended send times: Poisson arrivals at RATE per second from SEED, the first a millisecond
   from now, once every thread waits. */
static void plan_arrivals(double rate, unsigned seed) {
    intended = malloc((size_t)requests * sizeof *intended);
    unsigned short state[3] = {(unsigned short)seed, (unsigned short)(seed >> 16), 0x330e};
    long at = now_ns() + 1000000;
    for (long i = 0; i < requests; i++) {
        at += (long)(-log(1.0 - erand48(state)) * 1e9 / rate);
        intended[i] = at;
    }
}

/* One thread of `timers`: sleeps until each of its arrivals is due and reports how late it woke. */
static void *timer_loop(void *arg) {
    for (long i = (long)arg; i < requests; i += connections) {
        long wait_ns;
        while ((wait_ns = intended[i] - now_ns()) > 0) {
            struct timespec timeout = {.tv_sec = wait_ns / 1000000000L, .tv_nsec = wait_ns % 1000000000L};
            if (ppoll(NULL, 0, &timeout, NULL) < 0 && errno != EINTR) die("poll");
        }
        report(-wait_ns);
    }
    return NULL;
}

/* "cpu USER_NS SYSTEM_NS": the driver's own CPU so far. */
static void print_cpu(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    printf("cpu %ld %ld\n", usage.ru_utime.tv_sec * 1000000000L + usage.ru_utime.tv_usec * 1000L,
           usage.ru_stime.tv_sec * 1000000000L + usage.ru_stime.tv_usec * 1000L);
}

static int timers(double rate, unsigned seed) {
    prctl(PR_SET_TIMERSLACK, 1UL);
    plan_arrivals(rate, seed);
    pthread_t *threads = calloc((size_t)connections, sizeof *threads);
    for (long t = 0; t < connections; t++) pthread_create(&threads[t], NULL, timer_loop, (void *)t);
    for (long t = 0; t < connections; t++) pthread_join(threads[t], NULL);
    print_cpu();
    return fflush(stdout) ? 1 : 0;
}

static int client(double rate, unsigned seed) {
    prctl(PR_SET_TIMERSLACK, 1UL); /* arrivals on time, not up to 50 µs late */
    int *fds = calloc((size_t)connections, sizeof *fds);
    for (long c = 0; c < connections; c++)
        if ((fds[c] = new_connection ? -1 : dial(c == 0 ? 300 : 10)) < 0 && !new_connection) die("cannot connect");
    if (new_connection) { /* waits for the server once, on a connection that carries nothing */
        int first = dial(300);
        if (first < 0) die("cannot connect");
        close(first);
    }
    pthread_t *threads = calloc((size_t)connections, sizeof *threads);
    long started = now_ns();
    if (response_bytes == 0) {
        for (long c = 0; c < connections; c++) pthread_create(&threads[c], NULL, stream_sender, (void *)(long)fds[c]);
        for (long c = 0; c < connections; c++) pthread_join(threads[c], NULL);
    } else if (rate > 0) {
        plan_arrivals(rate, seed);
        late = calloc((size_t)requests, sizeof *late);
        struct pipeline *pipes = calloc((size_t)connections, sizeof *pipes);
        for (long c = 0; c < connections; c++) {
            pipes[c] = (struct pipeline){.fd = fds[c], .first = c};
            pthread_create(&threads[c], NULL, open_loop, &pipes[c]);
        }
        for (long c = 0; c < connections; c++) pthread_join(threads[c], NULL);
    } else if (connections == 1) {
        closed_loop((void *)(long)fds[0]);
    } else {
        for (long c = 0; c < connections; c++) pthread_create(&threads[c], NULL, closed_loop, (void *)(long)fds[c]);
        for (long c = 0; c < connections; c++) pthread_join(threads[c], NULL);
    }
    printf("elapsed %ld\n", now_ns() - started);
    print_cpu();
    return fflush(stdout) ? 1 : 0;
}

/* `idle-wake`: the server's end, pinned: reads the work asked for, spins it, answers. */
static int ask_pipe[2], answer_pipe[2];
static int server_cpu;

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set)) die("cannot pin to the CPU");
}

static void *idle_server(void *arg) {
    (void)arg;
    pin(server_cpu);
    long work;
    while (full(do_read, ask_pipe[0], (char *)&work, sizeof work) == 0 && work >= 0) {
        long until = now_ns() + work;
        while (now_ns() < until) {
        }
        if (full(do_write, answer_pipe[1], (char *)&work, sizeof work)) die("pipe");
    }
    return NULL;
}

/* A busy block's spinner: pinned, of the lowest priority, spinning until told to stop. */
static volatile int spinning;

static void *spinner(void *cpu) {
    pin((int)(long)cpu);
    struct sched_param lowest = {0};
    if (sched_setscheduler(0, SCHED_IDLE, &lowest)) die("cannot make a spinner SCHED_IDLE");
    while (spinning) {
    }
    return NULL;
}

static int idle_wake(long rounds, int client_cpu, int count, char **works) {
    if (pipe(ask_pipe) || pipe(answer_pipe)) die("pipe");
    pthread_t thread;
    pthread_create(&thread, NULL, idle_server, NULL);
    pin(client_cpu);
    for (int i = 0; i < count; i++) {
        int busy = !strcmp(works[i], "busy");
        long work = busy ? 0 : atol(works[i]);
        pthread_t spinners[2];
        if (busy) {
            spinning = 1;
            pthread_create(&spinners[0], NULL, spinner, (void *)(long)client_cpu);
            pthread_create(&spinners[1], NULL, spinner, (void *)(long)server_cpu);
        }
        for (long round = -rounds / 10; round < rounds; round++) {
            long sent = now_ns(), answer;
            if (full(do_write, ask_pipe[1], (char *)&work, sizeof work)
                || full(do_read, answer_pipe[0], (char *)&answer, sizeof answer)) die("pipe");
            if (round < 0) continue;
            if (busy) printf("busy %ld\n", now_ns() - sent);
            else printf("%ld %ld\n", work, now_ns() - sent - work);
        }
        if (busy) {
            spinning = 0;
            pthread_join(spinners[0], NULL);
            pthread_join(spinners[1], NULL);
        }
    }
    long stop = -1;
    if (full(do_write, ask_pipe[1], (char *)&stop, sizeof stop)) die("pipe");
    pthread_join(thread, NULL);
    printf("done\n");
    return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc == 6 && !strcmp(argv[1], "server")) {
        request_bytes = atol(argv[3]);
        response_bytes = atol(argv[4]);
        return request_bytes > 0 && response_bytes >= 0 ? serve(atoi(argv[2]), atoi(argv[5])) : 2;
    }
    if (argc == 11 && !strcmp(argv[1], "client")) {
        server = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(atoi(argv[3]))};
        inet_pton(AF_INET, argv[2], &server.sin_addr);
        requests = atol(argv[4]);
        request_bytes = atol(argv[5]);
        response_bytes = atol(argv[6]);
        connections = atol(argv[7]);
        new_connection = atol(argv[9]);
        double rate = atof(argv[8]);
        if (requests < 1 || request_bytes < 1 || response_bytes < 0 || connections < 1 || rate < 0
            || (rate > 0 && new_connection) || (response_bytes == 0 && (rate > 0 || new_connection))) {
            fprintf(stderr, "workload-driver: a workload out of range\n");
            return 2;
        }
        return client(rate, (unsigned)strtoul(argv[10], NULL, 10));
    }
    if (argc == 6 && !strcmp(argv[1], "timers")) {
        requests = atol(argv[2]);
        connections = atol(argv[3]);
        double rate = atof(argv[4]);
        if (requests < 1 || connections < 1 || !(rate > 0)) {
            fprintf(stderr, "workload-driver: timers out of range\n");
            return 2;
        }
        return timers(rate, (unsigned)strtoul(argv[5], NULL, 10));
    }
    if (argc >= 6 && !strcmp(argv[1], "idle-wake")) {
        long rounds = atol(argv[2]);
        int negative_work = 0;
        for (int i = 5; i < argc; i++) negative_work |= strcmp(argv[i], "busy") && atol(argv[i]) < 0;
        server_cpu = atoi(argv[4]);
        if (rounds < 1 || negative_work) {
            fprintf(stderr, "workload-driver: idle-wake out of range\n");
            return 2;
        }
        return idle_wake(rounds, atoi(argv[3]), argc - 5, argv + 5);
    }
    fprintf(stderr, "usage: workload-driver server PORT REQUEST_BYTES RESPONSE_BYTES CONCURRENCY\n"
                    "       workload-driver client ADDRESS PORT REQUESTS REQUEST_BYTES RESPONSE_BYTES CONNECTIONS"
                    " RATE NEWCONN SEED\n"
                    "       workload-driver timers REQUESTS THREADS RATE SEED\n"
                    "       workload-driver idle-wake ROUNDS CLIENT_CPU SERVER_CPU WORK_NS|busy...\n");
    return 2;
}
