#define BOOST_TEST_MODULE newsline_unit
#include <boost/test/unit_test.hpp>
