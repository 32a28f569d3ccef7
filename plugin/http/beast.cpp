// Beast and Asio compiled once, here, rather than in every file that includes them.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
