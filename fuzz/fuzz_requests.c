/* The request documents of the C ABI: the first byte picks the function (a seed starting with
 * the digit 0–5 picks them in the order below), the rest is the document. Any answer is fine;
 * a crash, a leak or a sanitizer report is a finding. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  reclaim_engine *e = fuzz_engine();
  char *doc, *out = NULL;
  if (size < 1) return 0;
  doc = fuzz_text(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0: reclaim_case_open(e, doc, &out); break;
    case 1: reclaim_case_act(e, kFuzzCase, doc, &out); break;
    case 2: reclaim_policy_set(e, "default", doc, &out); break;
    case 3: reclaim_eligibility_check(e, doc, &out); break;
    case 4: reclaim_report(e, doc, &out); break;
    default: reclaim_case_list(e, doc, &out); break;
  }
  reclaim_free(out);
  free(doc);
  return 0;
}
