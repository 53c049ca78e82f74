import ArgumentParser
import CSPCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output file cannot be written. `isUsageError` is true when the path itself is wrong
/// (a folder, a folder that does not exist or cannot be written): the CLI exits with 2 then.
struct AtomicFileError: Error, CustomStringConvertible, Equatable {
    var path: String
    var message: String
    var isUsageError: Bool

    /// "PATH is a folder; …", "PATH cannot be written: …": the message follows the path.
    var description: String { "\(path) \(message)" }

    /// 2 for a wrong path (a usage error), 1 when writing failed.
    var exitCode: ExitCode { isUsageError ? ExitStatus.usage : ExitCode(1) }
}

extension AtomicFile {
    /// For a command's `validate()`: a wrong output path becomes a usage error (exit 2) before
    /// any work is done, e.g. `try AtomicFile.validateOutput(out)` in `build`.
    static func validateOutput(_ path: String) throws {
        do {
            try checkDestination(path)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// An output file written so that the path holds either the earlier file or the complete new
/// one, never a part: the bytes go to a temporary file in the same folder
/// (`.NAME.XXXXXX.tmp`), which is flushed to disk and then renamed over the path. Any failure,
/// and Ctrl-C or SIGTERM while the file is open, removes the temporary file and leaves an
/// earlier file untouched.
///
/// A class because it owns a file descriptor and the temporary file, released in `deinit`
/// when neither `commit` nor `abort` was called.
final class AtomicFile {
    let path: String
    let temporaryPath: String
    private var descriptor: Int32
    private var finished = false
    /// This file's slot in `InterruptCleanup.pending`.
    private let cleanupSlot: Int?
    private let mode: mode_t

    /// Checks that `path` can be an output file: not a folder, not a device, in a folder that
    /// exists and can be written, and not a read-only file. Call it before long work so that
    /// a wrong --out is reported at once.
    static func checkDestination(_ path: String) throws(AtomicFileError) {
        var st = stat()
        if stat(path, &st) == 0 {
            if st.st_mode & S_IFMT == S_IFDIR {
                throw AtomicFileError(path: path, message: "is a folder; give the name of the file to write, such as \(Path.join(path, "report.pdf"))", isUsageError: true)
            }
            if st.st_mode & S_IFMT != S_IFREG {
                throw AtomicFileError(path: path, message: "is not a regular file (a device, pipe or socket); give the name of a file to write", isUsageError: true)
            }
            if access(path, W_OK) != 0 {
                throw AtomicFileError(path: path, message: "is read-only; make it writable or write elsewhere", isUsageError: true)
            }
        }
        // A folder that does not exist yet is made when the file is written (`init`), so that
        // a build that fails leaves no empty folder behind: here the nearest folder that does
        // exist must let it be made.
        var folder = folderOf(path)
        var missing = false
        var folderStat = stat()
        while stat(folder, &folderStat) != 0 {
            missing = true
            let up = folderOf(folder)
            if up == folder { break }
            folder = up
        }
        guard folderStat.st_mode & S_IFMT == S_IFDIR else {
            throw AtomicFileError(path: path, message: "cannot be written: \(folder) is a file, not a folder", isUsageError: true)
        }
        if missing {
            guard access(folder, W_OK | X_OK) == 0 else {
                throw AtomicFileError(path: path, message: "cannot be written: the folder \(folderOf(path)) does not exist and \(folder) does not allow making it (\(String(cString: strerror(errno))))", isUsageError: true)
            }
            return
        }
        if access(folder, W_OK | X_OK) != 0 {
            throw AtomicFileError(path: path, message: "cannot be written: the folder \(folder) does not allow it (\(String(cString: strerror(errno))))", isUsageError: true)
        }
        // Permission bits do not tell everything (root, read-only mounts, /proc): create and
        // remove the kind of file a write will create.
        var probe = Array("\(folder)/.\(nameOf(path)).XXXXXX.tmp".utf8CString)
        let fd = probe.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw AtomicFileError(path: path, message: "cannot be written: no file can be created in \(folder) (\(String(cString: strerror(errno))))", isUsageError: true)
        }
        close(fd)
        probe.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    static func nameOf(_ path: String) -> String { String(path.split(separator: "/").last ?? "output") }

    /// Creates the temporary file beside `path`, after `checkDestination`.
    init(path: String) throws(AtomicFileError) {
        try AtomicFile.checkDestination(path)
        self.path = path
        let folder = AtomicFile.folderOf(path)
        try AtomicFile.makeFolders(folder, for: path)
        let template = "\(folder)/.\(AtomicFile.nameOf(path)).XXXXXX.tmp"
        // The name is registered for removal before the file exists, and the file is created
        // under that registered name: a signal taken by any thread at any moment then finds
        // it (or finds a name not yet filled in, whose removal does nothing).
        AtomicFile.interruptible.begin()
        let (slot, name) = AtomicFile.interruptible.register(template)
        let fd = mkstemps(name, 4)
        let why = String(cString: strerror(errno))
        let created = String(cString: name)
        if slot == nil { free(name) }
        guard fd >= 0 else {
            AtomicFile.interruptible.end(slot)
            throw AtomicFileError(path: path, message: "cannot be written: no file can be created in \(folder) (\(why))", isUsageError: true)
        }
        descriptor = fd
        temporaryPath = created
        cleanupSlot = slot
        // mkstemp makes the file private (0600); a report is an ordinary file: keep the mode of
        // the file it replaces, or 0666 less the umask.
        var st = stat()
        if stat(path, &st) == 0 {
            mode = st.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
    }

    deinit { if !finished { abort() } }

    func write(_ bytes: [UInt8]) throws(AtomicFileError) {
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure {
            abort()
            throw AtomicFileError(path: path, message: "cannot be written (\(String(cString: strerror(failure)))); the earlier file, if any, is unchanged", isUsageError: false)
        }
    }

    /// Flushes the file to disk and renames it over `path`.
    func commit() throws(AtomicFileError) {
        precondition(!finished, "AtomicFile committed twice")
        func fail(_ what: String) throws(AtomicFileError) -> Never {
            let why = String(cString: strerror(errno))
            abort()
            throw AtomicFileError(path: path, message: "\(what) (\(why)); the earlier file, if any, is unchanged", isUsageError: false)
        }
        if fchmod(descriptor, mode) != 0 { try fail("cannot set the file's permissions") }
        if fsync(descriptor) != 0 { try fail("cannot be written to disk") }
        if close(descriptor) != 0 { descriptor = -1; try fail("cannot be written to disk") }
        descriptor = -1
        if rename(temporaryPath, path) != 0 { try fail("cannot be replaced") }
        finished = true
        AtomicFile.interruptible.end(cleanupSlot)
        // Make the rename itself durable; a failure here loses nothing that is not on disk.
        let folder = open(AtomicFile.folderOf(path), O_RDONLY | O_DIRECTORY)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    /// Removes the temporary file; the path keeps whatever it held before.
    func abort() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        unlink(temporaryPath)
        AtomicFile.interruptible.end(cleanupSlot)
    }

    /// Writes `bytes` to `path` atomically.
    static func write(_ bytes: [UInt8], to path: String) throws(AtomicFileError) {
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes what `produce` writes; if it throws, nothing at `path` changes and its error is
    /// rethrown.
    static func write(to path: String, _ produce: (AtomicFile) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        do {
            try produce(file)
        } catch {
            file.abort()
            throw error
        }
        try file.commit()
    }

    /// `mkdir -p`: the folders of an output path that do not exist yet.
    static func makeFolders(_ folder: String, for path: String) throws(AtomicFileError) {
        var st = stat()
        guard stat(folder, &st) != 0 else { return }
        let parent = folderOf(folder)
        if parent != folder { try makeFolders(parent, for: path) }
        if mkdir(folder, 0o777) != 0 && errno != EEXIST {
            throw AtomicFileError(path: path, message: "cannot be written: the folder \(folder) cannot be made (\(String(cString: strerror(errno))))", isUsageError: false)
        }
    }

    static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    static let interruptible = InterruptCleanup()
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

/// Removes the temporary files of AtomicFiles being written when SIGINT or SIGTERM arrives,
/// then exits with 128 + the signal (130 for Ctrl-C, 143 for SIGTERM), as a shell reports it.
/// Handlers are installed while a file is open and the previous ones restored after the last
/// one closes. The CLI writes one file per run, but several may be open at once (the tests
/// write on many threads): the state is under a lock, and each file has a slot of its own.
final class InterruptCleanup: @unchecked Sendable {
    /// The temporary files to remove, read by the signal handler: a fixed table of plain C
    /// strings, since a handler may only call async-signal-safe functions (unlink, _exit),
    /// never allocate or take a lock. Slots change under the lock, with this thread's signals
    /// blocked; a name is in the table before its file exists and leaves it before it is freed.
    static let slotCount = 64
    nonisolated(unsafe) static let pending: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slotCount)
        table.initialize(repeating: nil, count: slotCount)
        return table
    }()
    private let lock = NSLock()
    private var users = 0
    private var saved: [Int32: sigaction] = [:]
    private let signals = [SIGINT, SIGTERM, SIGHUP]

    /// A file is about to be opened: the first one installs the handlers.
    func begin() {
        _ = InterruptCleanup.pending   // made before any handler can read it
        lock.withLock {
            users += 1
            guard users == 1 else { return }
            for signal in signals {
                var action = sigaction()
                #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = { signo in
                    for i in 0..<InterruptCleanup.slotCount {
                        if let p = InterruptCleanup.pending[i] { unlink(p) }
                    }
                    _exit(128 + signo)
                }
                #endif
                sigemptyset(&action.sa_mask)
                var old = sigaction()
                sigaction(signal, &action, &old)
                saved[signal] = old
            }
        }
    }

    /// A copy of `template` (a mkstemps template) in a slot of the table, for the caller to
    /// create the file under; the handler removes whatever name the slot holds. Returns the
    /// slot for `end`, or nil and an unregistered copy (the caller frees it) when every slot is
    /// taken: that file is then not removed on a signal.
    func register(_ template: String) -> (slot: Int?, name: UnsafeMutablePointer<CChar>) {
        let previous = InterruptCleanup.blockSignals()
        defer { InterruptCleanup.restoreSignals(previous) }
        let name = strdup(template)!
        return lock.withLock {
            for i in 0..<InterruptCleanup.slotCount where InterruptCleanup.pending[i] == nil {
                InterruptCleanup.pending[i] = name
                return (i, name)
            }
            return (nil, name)
        }
    }

    /// A file is closed (its slot, if it had one, is freed): the last one restores the
    /// handlers that were there before.
    func end(_ slot: Int?) {
        let previous = InterruptCleanup.blockSignals()
        lock.withLock {
            if let slot {
                // Out of the table first, then freed: a handler running on another thread
                // must never see a freed name.
                let name = InterruptCleanup.pending[slot]
                InterruptCleanup.pending[slot] = nil
                free(name)
            }
            users -= 1
            if users == 0 {
                for (signal, var old) in saved { sigaction(signal, &old, nil) }
                saved = [:]
            }
        }
        InterruptCleanup.restoreSignals(previous)
    }

    static func blockSignals() -> sigset_t {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        return previous
    }

    static func restoreSignals(_ previous: sigset_t) {
        var previous = previous
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}
