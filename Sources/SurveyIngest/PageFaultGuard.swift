#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the SIGBUS of reading a mapped file past its end (the file was cut short while mapped) into zeros.
///
/// Mappings are registered in a fixed table. The SIGBUS handler looks the faulting address up there (reading memory
/// and calling `mmap` only: async-signal-safe): inside a registered mapping it maps a page of zeros over the faulting
/// page (`MAP_FIXED`), marks the mapping, and returns, so the read gives zeros. A fault anywhere else reinstates the
/// handler found at installation (the runtime's or the default) and returns: the access faults again and that
/// handler acts as before.
enum PageFaultGuard {
    /// One registered mapping; `start == 0` means a free slot.
    private struct Slot {
        var start: UInt = 0
        var end: UInt = 0
        var faulted: UInt = 0
    }

    private static let capacity = 64
    /// The table the handler reads (allocated once, never freed, so the handler never meets freed memory).
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Slot> = {
        let slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
        slots.initialize(repeating: Slot(), count: capacity)
        return slots
    }()
    nonisolated(unsafe) private static var previous = sigaction()
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    nonisolated(unsafe) private static var installed = false
    private static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))

    /// Watches `base..<base+length` for reads past the file's end (once the table is full, a mapping goes unwatched).
    static func register(_ base: UnsafeMutableRawPointer, length: Int) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        _ = slots
        if !installed {
            installed = true
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_sigaction = handleBusError
            #else
            action.__sigaction_u.__sa_sigaction = handleBusError
            #endif
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigemptyset(&action.sa_mask)
            sigaction(SIGBUS, &action, &previous)
        }
        for index in 0..<capacity where slots[index].start == 0 {
            slots[index].end = UInt(bitPattern: base) + UInt(length)
            slots[index].faulted = 0
            slots[index].start = UInt(bitPattern: base)
            return
        }
    }

    /// Stops watching the mapping at `base` (before it is unmapped).
    static func unregister(_ base: UnsafeMutableRawPointer) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        for index in 0..<capacity where slots[index].start == UInt(bitPattern: base) {
            slots[index].start = 0
        }
    }

    /// Whether a read past the file's end was answered with zeros in the mapping at `base`.
    static func faulted(_ base: UnsafeMutableRawPointer) -> Bool {
        for index in 0..<capacity where slots[index].start == UInt(bitPattern: base) {
            return slots[index].faulted != 0
        }
        return false
    }

    /// The handler's work: true when the fault at `address` was in a registered mapping and is now zeros.
    fileprivate static func mapZeros(at address: UInt) -> Bool {
        for index in 0..<capacity {
            let slot = slots[index]
            guard slot.start != 0, address >= slot.start, address < slot.end else { continue }
            let page = address / pageSize * pageSize
            let zeros = mmap(UnsafeMutableRawPointer(bitPattern: page), Int(pageSize), PROT_READ,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
            guard zeros != MAP_FAILED else { return false }
            slots[index].faulted = 1
            return true
        }
        return false
    }

    /// Puts the handler found at installation back (for a fault that is not ours).
    fileprivate static func reinstatePrevious() {
        sigaction(SIGBUS, &previous, nil)
    }
}

/// The SIGBUS handler (see `PageFaultGuard`).
private func handleBusError(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    #if canImport(Glibc)
    let address = info.map { UInt(bitPattern: $0.pointee._sifields._sigfault.si_addr) } ?? 0
    #else
    let address = info.map { UInt(bitPattern: $0.pointee.si_addr) } ?? 0
    #endif
    if !PageFaultGuard.mapZeros(at: address) { PageFaultGuard.reinstatePrevious() }
}
