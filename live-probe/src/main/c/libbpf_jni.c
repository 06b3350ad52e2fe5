// JNI bridge from org.stacklab.probe.bpf.Libbpf to libbpf: open and load an object, attach its
// programs (tracepoints, a cgroup's sock_ops, a map's sk_msg, a device's tc ingress in a network
// namespace), update and read maps, and drain a
// ring buffer into a direct ByteBuffer. Every failure throws BpfException with libbpf's errno and
// the last lines libbpf printed (the verifier's reasons included).
#define _GNU_SOURCE /* setns */
#include <errno.h>
#include <fcntl.h>
#include <jni.h>
#include <net/if.h>
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "org_stacklab_probe_bpf_Libbpf.h"
#include "stacklab.h"
#include "ring_drain.h"

static char last_log[4096];

static int capture_log(enum libbpf_print_level level, const char *format, va_list args)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	size_t used = strlen(last_log);
	if (used > sizeof(last_log) - 512)
		used = 0; /* keep the newest lines */
	return vsnprintf(last_log + used, sizeof(last_log) - used, format, args);
}

static void throw_bpf(JNIEnv *env, int err, const char *what, const char *name)
{
	char message[4608];
	jclass type = (*env)->FindClass(env, "org/stacklab/probe/bpf/BpfException");
	jmethodID make = (*env)->GetMethodID(env, type, "<init>", "(Ljava/lang/String;ILjava/lang/String;)V");
	snprintf(message, sizeof(message), "%s%s%s", what, name ? " " : "", name ? name : "");
	jstring text = (*env)->NewStringUTF(env, message);
	jstring log = (*env)->NewStringUTF(env, last_log);
	jobject e = (*env)->NewObject(env, type, make, text, (jint)(err < 0 ? -err : err), log);
	(*env)->Throw(env, (jthrowable)e);
	last_log[0] = '\0';
}

static struct bpf_object *object(jlong handle) { return (struct bpf_object *)(intptr_t)handle; }

static struct bpf_program *program(JNIEnv *env, jlong obj, jstring name)
{
	const char *n = (*env)->GetStringUTFChars(env, name, NULL);
	struct bpf_program *p = bpf_object__find_program_by_name(object(obj), n);
	if (!p)
		throw_bpf(env, ENOENT, "no program named", n);
	(*env)->ReleaseStringUTFChars(env, name, n);
	return p;
}

static int map_fd(JNIEnv *env, jlong obj, jstring name)
{
	const char *n = (*env)->GetStringUTFChars(env, name, NULL);
	struct bpf_map *m = bpf_object__find_map_by_name(object(obj), n);
	int fd = m ? bpf_map__fd(m) : -1;
	if (fd < 0)
		throw_bpf(env, ENOENT, "no map named", n);
	(*env)->ReleaseStringUTFChars(env, name, n);
	return fd;
}

/*
 * The event layout as this bridge was compiled with it, in the order of Java's EventLayout:
 * the sizes and offsets of struct stacklab_event, then of struct stacklab_batch.
 */
JNIEXPORT jintArray JNICALL Java_org_stacklab_probe_bpf_Libbpf_layout(JNIEnv *env, jclass cls)
{
	jint layout[] = {
		sizeof(struct stacklab_event),
		offsetof(struct stacklab_event, ktime_ns),
		offsetof(struct stacklab_event, skb),
		offsetof(struct stacklab_event, kind),
		offsetof(struct stacklab_event, cpu),
		offsetof(struct stacklab_event, tgid),
		offsetof(struct stacklab_event, netns),
		offsetof(struct stacklab_event, ifindex),
		offsetof(struct stacklab_event, len),
		offsetof(struct stacklab_event, idle_cpus),
		sizeof(struct stacklab_batch),
		offsetof(struct stacklab_batch, count),
		offsetof(struct stacklab_batch, lost),
		offsetof(struct stacklab_batch, events),
		SL_BATCH,
	};
	jintArray array = (*env)->NewIntArray(env, sizeof(layout) / sizeof(layout[0]));
	if (array)
		(*env)->SetIntArrayRegion(env, array, 0, sizeof(layout) / sizeof(layout[0]), layout);
	return array;
}

JNIEXPORT jlong JNICALL Java_org_stacklab_probe_bpf_Libbpf_open(JNIEnv *env, jclass cls, jstring path)
{
	libbpf_set_print(capture_log);
	last_log[0] = '\0';
	const char *p = (*env)->GetStringUTFChars(env, path, NULL);
	struct bpf_object *obj = bpf_object__open_file(p, NULL);
	int err = obj ? 0 : -errno;
	if (!obj) {
		throw_bpf(env, err, "cannot open", p);
	} else if ((err = bpf_object__load(obj)) != 0) {
		bpf_object__close(obj);
		obj = NULL;
		throw_bpf(env, err, "cannot load", p);
	}
	(*env)->ReleaseStringUTFChars(env, path, p);
	return (jlong)(intptr_t)obj;
}

JNIEXPORT void JNICALL Java_org_stacklab_probe_bpf_Libbpf_close(JNIEnv *env, jclass cls, jlong obj)
{
	bpf_object__close(object(obj));
}

JNIEXPORT jlong JNICALL Java_org_stacklab_probe_bpf_Libbpf_attach(JNIEnv *env, jclass cls, jlong obj, jstring name)
{
	struct bpf_program *p = program(env, obj, name);
	if (!p)
		return 0;
	struct bpf_link *link = bpf_program__attach(p);
	if (!link)
		throw_bpf(env, -errno, "cannot attach", bpf_program__name(p));
	return (jlong)(intptr_t)link;
}

JNIEXPORT jlong JNICALL Java_org_stacklab_probe_bpf_Libbpf_attachCgroup(JNIEnv *env, jclass cls, jlong obj,
									jstring name, jstring cgroup)
{
	struct bpf_program *p = program(env, obj, name);
	if (!p)
		return 0;
	const char *path = (*env)->GetStringUTFChars(env, cgroup, NULL);
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	struct bpf_link *link = NULL;
	if (fd < 0) {
		throw_bpf(env, errno, "cannot open cgroup", path);
	} else {
		link = bpf_program__attach_cgroup(p, fd);
		if (!link)
			throw_bpf(env, -errno, "cannot attach to cgroup", path);
		close(fd); /* the link keeps the cgroup */
	}
	(*env)->ReleaseStringUTFChars(env, cgroup, path);
	return (jlong)(intptr_t)link;
}

JNIEXPORT void JNICALL Java_org_stacklab_probe_bpf_Libbpf_attachSkMsg(JNIEnv *env, jclass cls, jlong obj, jstring name,
								      jstring map, jboolean attach)
{
	struct bpf_program *p = program(env, obj, name);
	int fd = p ? map_fd(env, obj, map) : -1;
	if (fd < 0)
		return;
	int err = attach ? bpf_prog_attach(bpf_program__fd(p), fd, BPF_SK_MSG_VERDICT, 0)
			 : bpf_prog_detach2(bpf_program__fd(p), fd, BPF_SK_MSG_VERDICT);
	if (err)
		throw_bpf(env, err, attach ? "cannot attach sk_msg program" : "cannot detach sk_msg program",
			  bpf_program__name(p));
}

/*
 * A tc program attached to a device's ingress, with what detaching needs: the namespace the device
 * is in, and the hook and filter as the kernel numbered them.
 */
struct tc_attachment {
	char netns[256];
	struct bpf_tc_hook hook;
	struct bpf_tc_opts opts;
};

/* Moves this thread into the network namespace at path; *back is the one to return to. */
static int enter_netns(const char *path, int *back)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	*back = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	int err = fd < 0 || *back < 0 || setns(fd, CLONE_NEWNET) ? -errno : 0;
	if (fd >= 0)
		close(fd);
	if (err && *back >= 0) {
		close(*back);
		*back = -1;
	}
	return err;
}

static void leave_netns(int back)
{
	if (back >= 0) {
		setns(back, CLONE_NEWNET);
		close(back);
	}
}

JNIEXPORT jlong JNICALL Java_org_stacklab_probe_bpf_Libbpf_attachTcIngress(JNIEnv *env, jclass cls, jlong obj,
									   jstring name, jstring netns, jstring device)
{
	struct bpf_program *p = program(env, obj, name);
	if (!p)
		return 0;
	struct tc_attachment *a = calloc(1, sizeof(*a));
	const char *ns = (*env)->GetStringUTFChars(env, netns, NULL);
	const char *dev = (*env)->GetStringUTFChars(env, device, NULL);
	int back, err;
	snprintf(a->netns, sizeof(a->netns), "%s", ns);
	if ((err = enter_netns(ns, &back)) != 0) {
		throw_bpf(env, err, "cannot enter network namespace", ns);
	} else {
		a->hook.sz = sizeof(a->hook);
		a->hook.ifindex = if_nametoindex(dev);
		a->hook.attach_point = BPF_TC_INGRESS;
		a->opts.sz = sizeof(a->opts);
		a->opts.prog_fd = bpf_program__fd(p);
		if (a->hook.ifindex == 0)
			err = -errno;
		else if ((err = bpf_tc_hook_create(&a->hook)) == -EEXIST)
			err = 0;
		if (!err)
			err = bpf_tc_attach(&a->hook, &a->opts);
		leave_netns(back);
		if (err)
			throw_bpf(env, err, "cannot attach tc program to the ingress of", dev);
	}
	(*env)->ReleaseStringUTFChars(env, netns, ns);
	(*env)->ReleaseStringUTFChars(env, device, dev);
	if (err) {
		free(a);
		return 0;
	}
	return (jlong)(intptr_t)a;
}

/* Removes the filter and the device's clsact qdisc; a namespace already gone took them with it. */
JNIEXPORT void JNICALL Java_org_stacklab_probe_bpf_Libbpf_detachTc(JNIEnv *env, jclass cls, jlong handle)
{
	struct tc_attachment *a = (struct tc_attachment *)(intptr_t)handle;
	int back;
	if (enter_netns(a->netns, &back) == 0) {
		a->opts.prog_fd = 0;
		a->opts.prog_id = 0;
		a->opts.flags = 0;
		bpf_tc_detach(&a->hook, &a->opts);
		a->hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
		bpf_tc_hook_destroy(&a->hook);
		leave_netns(back);
	}
	free(a);
}

JNIEXPORT void JNICALL Java_org_stacklab_probe_bpf_Libbpf_destroyLink(JNIEnv *env, jclass cls, jlong link)
{
	bpf_link__destroy((struct bpf_link *)(intptr_t)link);
}

JNIEXPORT void JNICALL Java_org_stacklab_probe_bpf_Libbpf_mapUpdate(JNIEnv *env, jclass cls, jlong obj, jstring map,
								    jbyteArray key, jbyteArray value)
{
	int fd = map_fd(env, obj, map);
	if (fd < 0)
		return;
	jbyte *k = (*env)->GetByteArrayElements(env, key, NULL);
	jbyte *v = (*env)->GetByteArrayElements(env, value, NULL);
	int err = bpf_map_update_elem(fd, k, v, BPF_ANY);
	(*env)->ReleaseByteArrayElements(env, key, k, JNI_ABORT);
	(*env)->ReleaseByteArrayElements(env, value, v, JNI_ABORT);
	if (err)
		throw_bpf(env, err, "cannot update map", NULL);
}

JNIEXPORT jboolean JNICALL Java_org_stacklab_probe_bpf_Libbpf_mapLookup(JNIEnv *env, jclass cls, jlong obj,
									jstring map, jbyteArray key, jbyteArray value)
{
	int fd = map_fd(env, obj, map);
	if (fd < 0)
		return JNI_FALSE;
	jbyte *k = (*env)->GetByteArrayElements(env, key, NULL);
	jbyte *v = (*env)->GetByteArrayElements(env, value, NULL);
	int err = bpf_map_lookup_elem(fd, k, v);
	(*env)->ReleaseByteArrayElements(env, key, k, JNI_ABORT);
	(*env)->ReleaseByteArrayElements(env, value, v, err ? JNI_ABORT : 0);
	return err ? JNI_FALSE : JNI_TRUE;
}

struct reader {
	struct ring_buffer *rb;
	struct drain drain;
};

JNIEXPORT jlong JNICALL Java_org_stacklab_probe_bpf_Libbpf_ringBufferOpen(JNIEnv *env, jclass cls, jlong obj,
									  jstring map)
{
	int fd = map_fd(env, obj, map);
	if (fd < 0)
		return 0;
	struct reader *r = calloc(1, sizeof(*r));
	r->rb = ring_buffer__new(fd, drain_sample, &r->drain, NULL);
	if (!r->rb) {
		int err = -errno;
		free(r);
		throw_bpf(env, err, "cannot open ring buffer", NULL);
		return 0;
	}
	return (jlong)(intptr_t)r;
}

JNIEXPORT jint JNICALL Java_org_stacklab_probe_bpf_Libbpf_ringBufferPoll(JNIEnv *env, jclass cls, jlong handle,
									 jobject buffer, jint timeout_ms,
									 jint largest_sample)
{
	struct reader *r = (struct reader *)(intptr_t)handle;
	r->drain.base = (*env)->GetDirectBufferAddress(env, buffer);
	r->drain.capacity = (size_t)(*env)->GetDirectBufferCapacity(env, buffer);
	r->drain.used = 0;
	r->drain.largest_sample = (size_t)largest_sample;
	int n = timeout_ms > 0 ? ring_buffer__poll(r->rb, timeout_ms) : ring_buffer__consume(r->rb);
	if (n < 0 && n != -EAGAIN && n != -EINTR) {
		throw_bpf(env, n, "cannot poll ring buffer", NULL);
		return 0;
	}
	return (jint)r->drain.used;
}

JNIEXPORT void JNICALL Java_org_stacklab_probe_bpf_Libbpf_ringBufferClose(JNIEnv *env, jclass cls, jlong handle)
{
	struct reader *r = (struct reader *)(intptr_t)handle;
	ring_buffer__free(r->rb);
	free(r);
}
