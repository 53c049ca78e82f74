import CFuzzDriver
import CSPFuzz
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

// libFuzzer's entry point. In a normal build nothing calls it except the replay driver.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let failure = FuzzTargets.workbook(bytes) {
        // A broken promise is a bug like a crash: trap so that libFuzzer keeps the input.
        fatalError(failure)
    }
    return 0
}

exit(csp_fuzz_main(CommandLine.argc, CommandLine.unsafeArgv, testOneInput))
