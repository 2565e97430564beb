/* Built outside the tree against an installed libldrt, with pkg-config only. */
#include <stdio.h>
#include <string.h>

#include <ldrt.h>

int main(void)
{
    if (ldrt_version() != LDRT_VERSION_NUMBER) {
        fprintf(stderr, "header %s, library %s\n", LDRT_VERSION_STRING, ldrt_version_string());
        return 1;
    }
    ldrt_date d;
    char text[LDRT_DATE_BUFSIZE];
    if (ldrt_date_parse("2023-07-21", &d) != LDRT_OK ||
        ldrt_date_format(d, text, sizeof text) != LDRT_OK || strcmp(text, "2023-07-21") != 0) {
        fprintf(stderr, "date round trip failed: %s\n", ldrt_last_error());
        return 1;
    }
    printf("installed libldrt %s works\n", ldrt_version_string());
    return 0;
}
