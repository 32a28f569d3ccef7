#include "js_text.h"

namespace reclaim_node {

std::optional<std::string> text_argument(const Napi::Value &value, const char *param) {
  if (value.IsUndefined() || value.IsNull()) return std::nullopt;
  std::string text;
  if (value.IsString()) {
    text = value.As<Napi::String>().Utf8Value();
  } else if (value.IsTypedArray() &&
             value.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
    auto bytes = value.As<Napi::Uint8Array>();
    text.assign(reinterpret_cast<const char *>(bytes.Data()), bytes.ByteLength());
  } else {
    throw Napi::TypeError::New(
        value.Env(), std::string(param) + " must be a string, a Buffer, null or undefined");
  }
  if (text.find('\0') != std::string::npos) {
    throw Napi::TypeError::New(value.Env(), std::string(param) + " holds a NUL character");
  }
  return text;
}

TextArguments::Pointers TextArguments::pointers() const {
  Pointers out{};
  for (int i = 0; i < 3; ++i) out.at[i] = values[i] ? values[i]->c_str() : nullptr;
  return out;
}

}  // namespace reclaim_node
