import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Counts heap allocations (calls into malloc, calloc, realloc and the aligned allocators, and the bytes asked
/// for) in a process started with a tiny counting library preloaded. The library forwards to glibc's own
/// allocator entry points, so behaviour is unchanged; it is compiled on the spot with the C compiler that ships
/// with the Swift toolchain, which keeps the package free of a C target only the benchmark needs.
enum AllocationCounter {
    /// Calls and bytes allocated since the process started.
    struct Count: Equatable {
        var calls: UInt64
        var bytes: UInt64

        static func - (a: Count, b: Count) -> Count { Count(calls: a.calls &- b.calls, bytes: a.bytes &- b.bytes) }
    }

    /// The exported function the preloaded library reports through.
    static let symbol = "switchyard_bench_allocations"

    /// The counting library's source. glibc allows replacing malloc when malloc, free, calloc and realloc are all
    /// replaced; the __libc_* entry points it exports are the allocator underneath.
    static let source = """
        #include <errno.h>
        #include <stdatomic.h>
        #include <stddef.h>

        extern void *__libc_malloc(size_t);
        extern void *__libc_calloc(size_t, size_t);
        extern void *__libc_realloc(void *, size_t);
        extern void *__libc_memalign(size_t, size_t);
        extern void __libc_free(void *);

        static atomic_ullong calls, bytes;

        static inline void note(size_t n) {
            atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
            atomic_fetch_add_explicit(&bytes, n, memory_order_relaxed);
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
            *c = atomic_load(&calls);
            *b = atomic_load(&bytes);
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
