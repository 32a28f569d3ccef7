/* reclaim_http_handle's request documents: method, path, query, headers, body, peer, through
 * the same router and handlers as the server. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  reclaim_engine *e = fuzz_engine();
  char *doc = fuzz_text(data, size), *out = NULL;
  reclaim_http_handle(e, doc, &out);
  reclaim_free(out);
  free(doc);
  return 0;
}
