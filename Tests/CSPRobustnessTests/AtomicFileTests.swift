@testable import cspreport
import Foundation
import Testing

private struct Boom: Error {}

@Suite struct AtomicFileTests {
    let old: [UInt8] = Array("%PDF-1.5 the earlier report\n".utf8)

    @Test func writesANewFileAndReplacesAnOldOne() throws {
        let t = try TempFolder()
        let out = t.url("report.pdf").path
        try AtomicFile.write(Array("first".utf8), to: out)
        #expect(t.read("report.pdf") == Array("first".utf8))
        try AtomicFile.write(Array("second".utf8), to: out)
        #expect(t.read("report.pdf") == Array("second".utf8))
        #expect(t.entries() == ["report.pdf"])
    }

    @Test func keepsTheModeOfTheFileItReplaces() throws {
        let t = try TempFolder()
        try t.write("report.pdf", old)
        chmod(t.url("report.pdf").path, 0o640)
        try AtomicFile.write(Array("new".utf8), to: t.url("report.pdf").path)
        let mode = try FileManager.default.attributesOfItem(atPath: t.url("report.pdf").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func aFailureWhileWritingLeavesTheEarlierFileByteIdentical() throws {
        let t = try TempFolder()
        try t.write("report.pdf", old)
        #expect(throws: Boom.self) {
            try AtomicFile.write(to: t.url("report.pdf").path) { file in
                try file.write(Array("%PDF-1.5 half a new".utf8))
                throw Boom()
            }
        }
        #expect(t.read("report.pdf") == old)
        #expect(t.entries() == ["report.pdf"])
    }

    @Test func anAbandonedWriteRemovesItsTemporaryFile() throws {
        let t = try TempFolder()
        try t.write("report.pdf", old)
        do {
            let file = try AtomicFile(path: t.url("report.pdf").path)
            try file.write(Array("partial".utf8))
            #expect(t.entries().count == 2)
            #expect(t.entries().contains { $0.hasPrefix(".report.pdf.") && $0.hasSuffix(".tmp") })
        }
        #expect(t.entries() == ["report.pdf"])
        #expect(t.read("report.pdf") == old)
    }

    @Test func aFailedWriteCallLeavesNothing() throws {
        let t = try TempFolder()
        try t.write("report.pdf", old)
        let file = try AtomicFile(path: t.url("report.pdf").path)
        file.abort()
        #expect(throws: AtomicFileError.self) { try file.write(Array("x".utf8)) }
        #expect(t.entries() == ["report.pdf"])
        #expect(t.read("report.pdf") == old)
    }

    @Test func refusesAFolder() throws {
        let t = try TempFolder()
        #expect(throws: AtomicFileError(path: t.path, message: "is a folder; give the name of the file to write, such as \(t.path)/report.pdf", isUsageError: true)) {
            try AtomicFile.write(old, to: t.path)
        }
        #expect(t.entries() == [])
    }

    @Test func makesAMissingFolderOnlyWhenWriting() throws {
        let t = try TempFolder()
        let out = t.url("no/such/report.pdf").path
        try AtomicFile.checkDestination(out)
        #expect(!FileManager.default.fileExists(atPath: t.url("no").path), "checking makes nothing")
        try AtomicFile.write(old, to: out)
        #expect(FileManager.default.contents(atPath: out).map { [UInt8]($0) } == old)
    }

    @Test func refusesAFolderUnderAFile() throws {
        let t = try TempFolder()
        try AtomicFile.write(old, to: t.url("plain").path)
        let out = t.url("plain/sub/report.pdf").path
        #expect(throws: AtomicFileError(path: out, message: "cannot be written: \(t.path)/plain is a file, not a folder", isUsageError: true)) {
            try AtomicFile.write(old, to: out)
        }
    }

    @Test func refusesAFolderThatCannotBeWritten() throws {
        // /proc refuses new files even to root, for whom permission bits do not count.
        #expect(throws: AtomicFileError.self) { try AtomicFile.write(old, to: "/proc/cspreport-report.pdf") }
        do {
            try AtomicFile.write(old, to: "/proc/cspreport-report.pdf")
        } catch {
            #expect(error.isUsageError)
            #expect(error.exitCode.rawValue == 2)
            #expect(error.description.hasPrefix("/proc/cspreport-report.pdf cannot be written: "))
        }
        let t = try TempFolder()
        try FileManager.default.createDirectory(atPath: t.url("locked").path, withIntermediateDirectories: false)
        chmod(t.url("locked").path, 0o500)
        if geteuid() != 0 {
            #expect(throws: AtomicFileError(path: t.url("locked/r.pdf").path, message: "cannot be written: the folder \(t.path)/locked does not allow it (Permission denied)", isUsageError: true)) {
                try AtomicFile.write(old, to: t.url("locked/r.pdf").path)
            }
        }
        chmod(t.url("locked").path, 0o700)
    }

    @Test func refusesADevice() {
        #expect(throws: AtomicFileError(path: "/dev/null", message: "is not a regular file (a device, pipe or socket); give the name of a file to write", isUsageError: true)) {
            try AtomicFile.write(old, to: "/dev/null")
        }
    }

    @Test func validateOutputIsAUsageError() throws {
        let t = try TempFolder()
        #expect(throws: (any Error).self) { try AtomicFile.validateOutput(t.path) }
        try AtomicFile.validateOutput(t.url("report.pdf").path)
    }

    @Test func aRelativePathInTheCurrentFolder() {
        #expect(AtomicFile.folderOf("report.pdf") == ".")
        #expect(AtomicFile.folderOf("out/report.pdf") == "out")
        #expect(AtomicFile.folderOf("/report.pdf") == "/")
    }
}

/// Ctrl-C and SIGTERM during a write, in a child process: the test binary itself, run with
/// a filter for `child()`, which only acts when CSP_ATOMIC_CHILD names a folder.
@Suite(.serialized) struct AtomicFileInterruptTests {
    static let childVariable = "CSP_ATOMIC_CHILD"

    /// In the child: opens report.pdf for writing, writes part of it, says it is ready, and
    /// waits to be interrupted. Does nothing in a normal run.
    @Test func child() throws {
        guard let folder = ProcessInfo.processInfo.environment[Self.childVariable] else { return }
        let file = try AtomicFile(path: folder + "/report.pdf")
        try file.write(Array("%PDF-1.5 half a new report".utf8))
        FileManager.default.createFile(atPath: folder + "/ready", contents: nil)
        for _ in 0..<300 { usleep(100_000) }
        exit(3)  // not interrupted: the parent fails on this status
    }

    #if os(Linux)
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interruptedWriteLeavesTheEarlierFileAndNoTemporaryFile(signal: Int32, status: Int32) throws {
        let t = try TempFolder()
        let old = Array("%PDF-1.5 the earlier report\n".utf8)
        try t.write("report.pdf", old)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "AtomicFileInterruptTests/child"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: t.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        var waited = 0
        while !FileManager.default.fileExists(atPath: t.url("ready").path) && waited < 600 && child.isRunning {
            usleep(50_000); waited += 1
        }
        #expect(FileManager.default.fileExists(atPath: t.url("ready").path))
        #expect(t.entries().contains { $0.hasPrefix(".report.pdf.") })
        kill(child.processIdentifier, signal)
        child.waitUntilExit()
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == status)
        #expect(t.entries() == ["ready", "report.pdf"])
        #expect(t.read("report.pdf") == old)
    }
    #endif
}
