// A fork/join pool of persistent pthreads.
//
// A job is cut into a few contiguous chunks per thread; every participant, the caller included, claims chunks
// from a shared counter until none are left. So a worker that is slow to wake (busy machine, or asleep)
// costs nothing: the caller just takes its chunks. Workers spin briefly on a generation counter after each
// job (decode issues hundreds of small jobs per token, tens of µs apart), yield, then sleep on a condition
// variable so an idle pool costs nothing. A job is published by bumping the generation; the mutex and the
// broadcast are paid only when a worker is asleep (`sleepers`), not on every one of a decode step's joins.
#include "tensor_kernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#else
#if defined(__aarch64__)
#define CPU_RELAX() __asm__ volatile("yield")
#else
#define CPU_RELAX() ((void)0)
#endif
#endif

enum { SPIN_ITERATIONS = 4000, YIELD_ITERATIONS = 100, CHUNKS_PER_THREAD = 4 };

struct tk_pool {
    int threads;
    pthread_t *workers;
    pthread_mutex_t submit_lock; // serializes callers
    pthread_mutex_t lock;        // guards sleeping
    pthread_cond_t wake;
    atomic_uint_fast64_t generation;
    atomic_int stop;
    // The current job. Plain fields are written before `next` is stored (release) and read only after a
    // successful claim (acquire), so a claimed chunk always sees its own job's fields.
    tk_task_fn fn;
    void *ctx;
    int64_t count, chunk, chunks;
    uint64_t sequence;
    // Claim word: job sequence << 40 | chunk count << 20 | next chunk index. Carrying the count in the word
    // a claim reads means a late participant can never pair one job's index with another job's count.
    atomic_uint_fast64_t next;
    atomic_llong done;
    atomic_int sleepers;      // workers blocked (or about to block) on `wake`
    atomic_llong jobs;        // jobs run in parallel so far (joins), for benchmarks
};

static _Thread_local int inside_task = 0;

// Claims and runs chunks until none are left.
static void work(tk_pool *p) {
    for (;;) {
        uint64_t word = atomic_fetch_add_explicit(&p->next, 1, memory_order_acq_rel);
        int64_t i = (int64_t)(word & 0xfffff), chunks = (int64_t)((word >> 20) & 0xfffff);
        if (i >= chunks) return;
        int64_t start = i * p->chunk;
        int64_t end = start + p->chunk < p->count ? start + p->chunk : p->count;
        inside_task = 1;
        p->fn(p->ctx, start, end);
        inside_task = 0;
        atomic_fetch_add_explicit(&p->done, 1, memory_order_release);
    }
}

static void *worker_main(void *raw) {
    tk_pool *p = raw;
    uint64_t seen = 0;
    for (;;) {
        uint64_t g;
        int spins = 0;
        while ((g = atomic_load_explicit(&p->generation, memory_order_acquire)) == seen) {
            if (atomic_load_explicit(&p->stop, memory_order_acquire)) return NULL;
            if (++spins < SPIN_ITERATIONS) { CPU_RELAX(); continue; }
            if (spins < SPIN_ITERATIONS + YIELD_ITERATIONS) { sched_yield(); continue; }
            pthread_mutex_lock(&p->lock);
            // Announce sleeping before the last look at the generation (both sequentially consistent): a caller
            // that bumps the generation after this look sees sleepers > 0 and broadcasts under the lock.
            atomic_fetch_add(&p->sleepers, 1);
            while (atomic_load(&p->generation) == seen && !atomic_load(&p->stop))
                pthread_cond_wait(&p->wake, &p->lock);
            atomic_fetch_sub(&p->sleepers, 1);
            pthread_mutex_unlock(&p->lock);
            spins = 0;
        }
        if (atomic_load_explicit(&p->stop, memory_order_acquire)) return NULL;
        seen = g;
        work(p);
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
    atomic_init(&p->stop, 0);
    atomic_init(&p->next, 0);
    atomic_init(&p->done, 0);
    atomic_init(&p->sleepers, 0);
    atomic_init(&p->jobs, 0);
    p->workers = calloc((size_t)p->threads, sizeof(pthread_t));
    if (!p->workers) { free(p); return NULL; }
    for (int i = 1; i < p->threads; i++) {
        if (pthread_create(&p->workers[i], NULL, worker_main, p) != 0) { p->threads = i; break; }
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
    int64_t wanted = (int64_t)p->threads * CHUNKS_PER_THREAD;
    if (wanted > 4096) wanted = 4096;
    int64_t per = (units + wanted - 1) / wanted;
    p->fn = fn;
    p->ctx = ctx;
    p->count = count;
    p->chunk = per * grain;
    p->chunks = (count + p->chunk - 1) / p->chunk;
    atomic_store_explicit(&p->done, 0, memory_order_relaxed);
    p->sequence++;
    atomic_store_explicit(&p->next, (p->sequence << 40) | ((uint64_t)p->chunks << 20), memory_order_release);
    atomic_fetch_add(&p->generation, 1);
    if (atomic_load(&p->sleepers) > 0) {
        pthread_mutex_lock(&p->lock);
        pthread_cond_broadcast(&p->wake);
        pthread_mutex_unlock(&p->lock);
    }
    atomic_fetch_add_explicit(&p->jobs, 1, memory_order_relaxed);
    work(p);
    int spins = 0;
    while (atomic_load_explicit(&p->done, memory_order_acquire) < p->chunks) {
        if (++spins < SPIN_ITERATIONS) CPU_RELAX();
        else sched_yield();
    }
    pthread_mutex_unlock(&p->submit_lock);
}

int64_t tk_pool_jobs(tk_pool *p) { return p ? (int64_t)atomic_load_explicit(&p->jobs, memory_order_relaxed) : 0; }
