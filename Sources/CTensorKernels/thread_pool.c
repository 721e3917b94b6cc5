// A fork/join pool of persistent pthreads. Workers spin briefly on a generation counter after each job
// (decode issues hundreds of small jobs per token, ~10-100 µs apart), then sleep on a condition variable
// so an idle pool costs nothing.
#include "tensor_kernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

enum { SPIN_ITERATIONS = 20000 };

struct tk_pool {
    int threads;
    pthread_t *workers;
    pthread_mutex_t submit_lock; // serializes callers
    pthread_mutex_t lock;        // guards sleeping
    pthread_cond_t wake;
    atomic_uint_fast64_t generation;
    atomic_int pending;
    atomic_int stop;
    // The current job, published before `generation` is bumped.
    tk_task_fn fn;
    void *ctx;
    int64_t count, chunk;
};

typedef struct { tk_pool *pool; int index; } worker_arg;

static _Thread_local int inside_task = 0;

static void run_chunk(tk_pool *p, int index) {
    int64_t start = (int64_t)index * p->chunk;
    if (start >= p->count) return;
    int64_t end = start + p->chunk < p->count ? start + p->chunk : p->count;
    inside_task = 1;
    p->fn(p->ctx, start, end);
    inside_task = 0;
}

static void *worker_main(void *raw) {
    worker_arg arg = *(worker_arg *)raw;
    free(raw);
    tk_pool *p = arg.pool;
    uint64_t seen = 0;
    for (;;) {
        uint64_t g;
        int spins = 0;
        while ((g = atomic_load_explicit(&p->generation, memory_order_acquire)) == seen) {
            if (atomic_load_explicit(&p->stop, memory_order_acquire)) return NULL;
            if (++spins < SPIN_ITERATIONS) { CPU_RELAX(); continue; }
            pthread_mutex_lock(&p->lock);
            while (atomic_load_explicit(&p->generation, memory_order_acquire) == seen &&
                   !atomic_load_explicit(&p->stop, memory_order_acquire))
                pthread_cond_wait(&p->wake, &p->lock);
            pthread_mutex_unlock(&p->lock);
            spins = 0;
        }
        if (atomic_load_explicit(&p->stop, memory_order_acquire)) return NULL;
        seen = g;
        run_chunk(p, arg.index);
        atomic_fetch_sub_explicit(&p->pending, 1, memory_order_acq_rel);
    }
}

tk_pool *tk_pool_create(int threads) {
    tk_pool *p = calloc(1, sizeof(tk_pool));
    if (!p) return NULL;
    p->threads = threads < 1 ? 1 : threads;
    pthread_mutex_init(&p->submit_lock, NULL);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    atomic_init(&p->generation, 0);
    atomic_init(&p->pending, 0);
    atomic_init(&p->stop, 0);
    p->workers = calloc((size_t)p->threads, sizeof(pthread_t));
    if (!p->workers) { free(p); return NULL; }
    for (int i = 1; i < p->threads; i++) {
        worker_arg *arg = malloc(sizeof(worker_arg));
        if (!arg) { p->threads = i; break; }
        arg->pool = p;
        arg->index = i;
        if (pthread_create(&p->workers[i], NULL, worker_main, arg) != 0) { free(arg); p->threads = i; break; }
    }
    return p;
}

void tk_pool_destroy(tk_pool *p) {
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    atomic_store(&p->stop, 1);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (int i = 1; i < p->threads; i++) pthread_join(p->workers[i], NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    pthread_mutex_destroy(&p->submit_lock);
    free(p->workers);
    free(p);
}

void tk_pool_run(tk_pool *p, int64_t count, int64_t grain, tk_task_fn fn, void *ctx) {
    if (count <= 0) return;
    if (grain < 1) grain = 1;
    int64_t units = (count + grain - 1) / grain;
    if (!p || p->threads == 1 || units == 1 || inside_task) {
        fn(ctx, 0, count);
        return;
    }
    pthread_mutex_lock(&p->submit_lock);
    int64_t per = (units + p->threads - 1) / p->threads;
    p->fn = fn;
    p->ctx = ctx;
    p->count = count;
    p->chunk = per * grain;
    atomic_store_explicit(&p->pending, p->threads - 1, memory_order_relaxed);
    pthread_mutex_lock(&p->lock);
    atomic_fetch_add_explicit(&p->generation, 1, memory_order_release);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    run_chunk(p, 0);
    int spins = 0;
    while (atomic_load_explicit(&p->pending, memory_order_acquire) > 0) {
        if (++spins < SPIN_ITERATIONS) CPU_RELAX();
        else sched_yield();
    }
    pthread_mutex_unlock(&p->submit_lock);
}
