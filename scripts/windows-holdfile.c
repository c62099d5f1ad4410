/*
 * Test-only, never shipped: holds a file open with no sharing, as another program (an antivirus, a copy
 * tool, Excel) can on Windows, until its standard input closes. make test-windows runs it in the same
 * wine prefix to see what jiuke.exe says about a database it cannot open.
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) return 2;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) return 1;
    printf("held\n");
    fflush(stdout);
    char buf[64];
    while (fread(buf, 1, sizeof buf, stdin) > 0) {
    }
    CloseHandle(h);
    return 0;
}
