import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Counts heap allocations (calls into malloc, calloc, realloc and the aligned allocators, and the bytes asked
/// for) in a process started with a tiny counting library preloaded. The library forwards to glibc's own
/// allocator entry points, so behaviour is unchanged; it is compiled on the spot with the C compiler that ships
/// with the Swift toolchain, which keeps the package free of a C target only the benchmark needs. A process
/// started with `fileVariable` naming a file keeps its counters in that file (shared memory), so another process
/// — the benchmark watching a gateway — reads them while it runs (`read(file:)`).
enum AllocationCounter {
    /// Calls and bytes allocated since the process started.
    struct Count: Equatable {
        var calls: UInt64
        var bytes: UInt64

        static func - (a: Count, b: Count) -> Count { Count(calls: a.calls &- b.calls, bytes: a.bytes &- b.bytes) }
    }

    /// The exported function the preloaded library reports through.
    static let symbol = "switchyard_bench_allocations"
    /// The environment variable naming the file a preloaded process keeps its counters in.
    static let fileVariable = "SWITCHYARD_BENCH_ALLOCATIONS_FILE"

    /// The counting library's source. glibc allows replacing malloc when malloc, free, calloc and realloc are all
    /// replaced; the __libc_* entry points it exports are the allocator underneath.
    static let source = """
        #include <errno.h>
        #include <fcntl.h>
        #include <stdatomic.h>
        #include <stddef.h>
        #include <stdlib.h>
        #include <sys/mman.h>
        #include <unistd.h>

        extern void *__libc_malloc(size_t);
        extern void *__libc_calloc(size_t, size_t);
        extern void *__libc_realloc(void *, size_t);
        extern void *__libc_memalign(size_t, size_t);
        extern void __libc_free(void *);

        // [0] calls, [1] bytes: in this process, or in the file SWITCHYARD_BENCH_ALLOCATIONS_FILE names.
        static atomic_ullong local[2];
        static atomic_ullong *counters = local;

        __attribute__((constructor)) static void attach(void) {
            const char *path = getenv("SWITCHYARD_BENCH_ALLOCATIONS_FILE");
            if (!path) return;
            int fd = open(path, O_RDWR | O_CREAT, 0600);
            if (fd < 0) return;
            if (ftruncate(fd, sizeof local) == 0) {
                void *shared = mmap(NULL, sizeof local, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
                if (shared != MAP_FAILED) counters = shared;
            }
            close(fd);
        }

        static inline void note(size_t n) {
            atomic_fetch_add_explicit(&counters[0], 1, memory_order_relaxed);
            atomic_fetch_add_explicit(&counters[1], n, memory_order_relaxed);
        }

        void *malloc(size_t n) { note(n); return __libc_malloc(n); }
        void *calloc(size_t c, size_t n) { note(c * n); return __libc_calloc(c, n); }
        void *realloc(void *p, size_t n) { note(n); return __libc_realloc(p, n); }
        void free(void *p) { __libc_free(p); }
        void *memalign(size_t a, size_t n) { note(n); return __libc_memalign(a, n); }
        void *aligned_alloc(size_t a, size_t n) { note(n); return __libc_memalign(a, n); }
        int posix_memalign(void **out, size_t a, size_t n) {
            if (a < sizeof(void *) || (a & (a - 1)) != 0) return EINVAL;
            note(n);
            void *p = __libc_memalign(a, n);
            if (!p) return ENOMEM;
            *out = p;
            return 0;
        }

        void switchyard_bench_allocations(unsigned long long *c, unsigned long long *b) {
            *c = atomic_load(&counters[0]);
            *b = atomic_load(&counters[1]);
        }
        """

    /// The counts so far, or nil when the counting library is not preloaded into this process.
    static func current() -> Count? {
        guard let address = dlsym(nil, symbol) else { return nil }
        typealias Read = @convention(c) (UnsafeMutablePointer<UInt64>, UnsafeMutablePointer<UInt64>) -> Void
        let read = unsafeBitCast(address, to: Read.self)
        var calls: UInt64 = 0, bytes: UInt64 = 0
        read(&calls, &bytes)
        return Count(calls: calls, bytes: bytes)
    }

    /// The counts a process started with `fileVariable` = `file` has kept so far; nil before it wrote any.
    static func read(file: String) -> Count? {
        guard let data = FileManager.default.contents(atPath: file), data.count >= 16 else { return nil }
        let words = data.withUnsafeBytes { raw in (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
        return Count(calls: UInt64(littleEndian: words.0), bytes: UInt64(littleEndian: words.1))
    }

    /// Compiles the library into `directory`; throws with the reason when there is no C compiler or it fails.
    static func build(in directory: URL) throws -> String {
        guard let compiler = ["clang", "cc", "gcc"].lazy.compactMap(ChildProcess.which).first else {
            throw BenchError("no C compiler (clang, cc or gcc) on PATH")
        }
        let file = directory.appendingPathComponent("alloc-count.c")
        let library = directory.appendingPathComponent("liballoc-count.so").path
        try source.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try ChildProcess.run([compiler, "-shared", "-fPIC", "-O2", "-o", library, file.path])
        guard outcome.status == 0 else { throw BenchError("\(compiler) could not build the counting library:\n\(outcome.output)") }
        return library
    }
}
