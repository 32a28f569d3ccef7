// The template language and the form readers.
#include "codec/template.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/basis.hpp"
#include "core/error.hpp"
#include "core/law.hpp"
#include "http/form.hpp"
#include "http/views.hpp"

namespace reclaim::http {
using codec::Template;
namespace {

namespace json = boost::json;

// Staff pages cite the law in their language: every citation's key has a text in each one.
TEST(Views, EveryBasisHasATextInEveryLanguage) {
  const Views views;
  std::vector<std::string> keys{"shop_target", "shop_target_reasonable", "shop_return_window",
                                "statutory_guarantee", "shop_guarantee"};
  for (const auto jurisdiction : {Jurisdiction::pl, Jurisdiction::eu, Jurisdiction::ru}) {
    for (const RuleSet *rules : rule_history(jurisdiction)) {
      for (const auto &period : {rules->withdrawal, rules->withdrawal_refund,
                                 rules->complaint_answer, rules->refund_demand, rules->repair}) {
        if (period) keys.emplace_back(period->key);
      }
    }
  }
  for (const char *lang : {"en", "pl", "ru"}) {
    for (const auto &key : keys) {
      EXPECT_NE(views.text(lang, "basis_" + key), "basis_" + key) << lang;
    }
  }
}

TEST(Template, EscapesByDefaultAndOnlyTripleBracesAreRaw) {
  const Template page("t", "<p title=\"{{a}}\">{{a}}</p>{{{b}}}");
  const json::value context = json::object{{"a", "<\"'&>"}, {"b", "<i>ok</i>"}};
  EXPECT_EQ(page.render(context),
            "<p title=\"&lt;&quot;&#39;&amp;&gt;\">&lt;&quot;&#39;&amp;&gt;</p><i>ok</i>");
}

// Runs of plain text between the characters to escape are kept whole, at either end too.
TEST(Template, EscapingKeepsThePlainTextBetweenEntities) {
  const Template page("t", "{{a}}|{{b}}|{{c}}|{{d}}");
  const json::value context =
      json::object{{"a", "plain żółć"}, {"b", "&start and end>"}, {"c", "a<<b''c"}, {"d", ""}};
  EXPECT_EQ(page.render(context), "plain żółć|&amp;start and end&gt;|a&lt;&lt;b&#39;&#39;c|");
  std::string appended = "kept ";
  append_escaped_html(appended, "\"x\"");
  EXPECT_EQ(appended, "kept &quot;x&quot;");
}

// A layout takes a page already rendered through a slot: inserted as is, only where the slot's
// raw tag stands, and a value of the same name in the context is not used.
TEST(Template, ASlotStandsForItsRawTagOnly) {
  const Template layout("layout", "<main>{{{content}}}</main>{{content}}{{{other}}}");
  const json::value context =
      json::object{{"content", "<b>from the context</b>"}, {"other", "<i>o</i>"}};
  std::string out = "<!doctype html>";
  layout.render(context, "content", "<p>the page</p>", out);
  EXPECT_EQ(out,
            "<!doctype html><main><p>the page</p></main>&lt;b&gt;from the context&lt;/b&gt;"
            "<i>o</i>");
}

TEST(Template, SectionsLoopTestAndLookOutwards) {
  const Template page("t",
                      "{{#items}}[{{name}}:{{shop}}]{{/items}}{{^items}}none{{/items}}{{#flag}}!{{/"
                      "flag}}{{#n.x}}{{.}}{{/n.x}}");
  EXPECT_EQ(page.render(json::parse(
                R"({"items":[{"name":"a"},{"name":"b"}],"shop":"S","flag":true,"n":{"x":[1,2]}})")),
            "[a:S][b:S]!12");
  EXPECT_EQ(page.render(json::parse(R"({"items":[],"flag":false})")), "none");
}

// Tags take optional spaces and tabs around the name, as headers take optional white space.
TEST(Template, BlanksAroundATagsNameAreIgnored) {
  const Template page("t", "{{ a }}{{\ta\t}}{{#\tb }}!{{/ b\t}}");
  EXPECT_EQ(page.render(json::object{{"a", "x"}, {"b", true}}), "xx!");
}

TEST(Template, SyntaxErrorsNameTheTemplate) {
  EXPECT_THROW(Template("broken", "{{#a}}x"), Error);
  EXPECT_THROW(Template("broken", "{{#a}}x{{/b}}"), Error);
  EXPECT_THROW(Template("broken", "{{a"), Error);
}

// Sections nested over lists multiply (the fuzzer's input took 24 s): a rendering stops at its
// budget of steps or of output, naming the template, instead of holding a thread for minutes.
TEST(Template, ARenderingThatWouldNotEndStopsWithAnError) {
  json::array ten;
  for (int i = 0; i < 10; ++i) ten.push_back(i);
  const json::value context = json::object{{"l", ten}, {"big", std::string(1 << 20, 'x')}};
  std::string nested;
  for (int depth = 0; depth < 8; ++depth) nested += "{{#l}}";
  nested += ".";  // 10^8 dots
  for (int depth = 0; depth < 8; ++depth) nested += "{{/l}}";
  try {
    Template("mail.nested", nested).render(context);
    ADD_FAILURE() << "10^8 passes rendered";
  } catch (const Error &error) {
    EXPECT_NE(std::string(error.what()).find("mail.nested"), std::string::npos) << error.what();
  }
  // Few passes, but each a megabyte: stopped by the output's size.
  EXPECT_THROW(Template("t", "{{#l}}{{#l}}{{#l}}{{big}}{{/l}}{{/l}}{{/l}}").render(context),
               Error);
  // Two levels over ten, and a megabyte ten times, are well inside.
  EXPECT_EQ(Template("t", "{{#l}}{{#l}}.{{/l}}{{/l}}").render(context), std::string(100, '.'));
  EXPECT_EQ(Template("t", "{{#l}}{{big}}{{/l}}").render(context).size(), 10u << 20);
}

TEST(Form, UrlEncodedAndCookies) {
  const Form form = parse_urlencoded("a=1&b=x+y%21&c=&d&e=%zz");
  EXPECT_EQ(form.get("a"), "1");
  EXPECT_EQ(form.get("b"), "x y!");
  EXPECT_TRUE(form.has("c"));
  EXPECT_TRUE(form.has("d"));
  EXPECT_EQ(form.get("e"), "%zz");
  EXPECT_EQ(cookie("x=1; rc_csrf=abc; y=2", "rc_csrf"), "abc");
  EXPECT_EQ(cookie("x=1", "rc_csrf"), "");
  EXPECT_EQ(clip("żółw", 3), "ż");
}

TEST(Form, MultipartPartsAndFiles) {
  const std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nline1\r\nline2\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x;y.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n\r\n--B--\r\n";
  const auto form = parse_multipart(body, "multipart/form-data; boundary=B");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->get("a"), "line1\r\nline2");
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].filename, "x;y.jpg");
  EXPECT_EQ(form->files[0].bytes, "\xFF\xD8\xFF");
  EXPECT_FALSE(parse_multipart(body, "multipart/form-data"));
  EXPECT_FALSE(parse_multipart("--B\r\nno headers", "multipart/form-data; boundary=B"));
  EXPECT_FALSE(
      parse_multipart("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
                      "multipart/form-data; boundary=B"));
  EXPECT_FALSE(parse_form("x", "application/json"));
}

// Found by fuzz_parsers: a part with an empty (here malformed) file name but bytes is an upload
// without a name, as form.hpp now says; only an empty file input is left out.
TEST(Form, MultipartKeepsBytesSentWithoutAFileName) {
  const std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\"a.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"none\"; filename=\"\"\r\n\r\n\r\n--B--\r\n";
  const auto form = parse_multipart(body, "multipart/form-data; boundary=B");
  ASSERT_TRUE(form);
  ASSERT_EQ(form->files.size(), 1u);
  EXPECT_EQ(form->files[0].field, "photo");
  EXPECT_EQ(form->files[0].filename, "");
  EXPECT_EQ(form->files[0].bytes, "\xFF\xD8\xFF");
}

}  // namespace
}  // namespace reclaim::http
