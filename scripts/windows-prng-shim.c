/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, never shipped.
 *
 * Go 1.24+ gets its randomness from ProcessPrng in bcryptprimitives.dll, loaded from system32 only.
 * Debian 12's wine 8.0 has no ProcessPrng, so a Go program dies at start under it. `make test-windows`
 * builds this DLL and copies it into the throwaway wine prefix's system32 so the real installed
 * jiuke.exe runs there; real Windows (10 and later) has the export and never sees this file.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, in advapi32 */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    const SIZE_T chunk = 1u << 30; /* RtlGenRandom takes a ULONG: feed it at most 1 GiB at a time */
    while (len > 0) {
        ULONG n = (ULONG)(len < chunk ? len : chunk);
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
