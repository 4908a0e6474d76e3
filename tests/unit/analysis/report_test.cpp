// Number and p-value texts of the generated narratives.
#include "analysis/report.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace mtm::analysis {
namespace {

TEST(ReportText, PValueTextsPerRange) {
  EXPECT_EQ(format_p(0.01234), "0.0123");
  EXPECT_EQ(format_p(0.01234, "fr"), "0,0123");
  EXPECT_EQ(format_p(1.234e-5), "1.23e-05");
  EXPECT_EQ(format_p(0.0), "< 1e-300");
  EXPECT_EQ(format_p(std::numeric_limits<double>::quiet_NaN()), "n/a");
}

TEST(ReportText, PRelationNeverWritesEqualsLessThan) {
  EXPECT_EQ(p_relation(0.5), "= 0.5000");
  EXPECT_EQ(p_relation(0.5, "fr"), "= 0,5000");
  EXPECT_EQ(p_relation(2.5e-12), "= 2.50e-12");
  // A chi-square of 19,000 on 6 df: the p-value underflows to 0.
  EXPECT_EQ(p_relation(0.0), "< 1e-300");
  EXPECT_EQ(p_relation(1e-320, "fr"), "< 1e-300");
  EXPECT_EQ(p_relation(std::numeric_limits<double>::quiet_NaN()), "= n/a");
}

TEST(ReportText, NumbersInEachLanguage) {
  EXPECT_EQ(format_number(12345.678, 1, "en"), "12,345.7");
  EXPECT_EQ(format_number(12345.678, 1, "fr"), "12\u202f345,7");
  EXPECT_EQ(format_number(-0.25, 2, "en"), "-0.25");
  // A negative value that rounds to zero loses its sign.
  EXPECT_EQ(format_number(-0.001, 2, "en"), "0.00");
}

}  // namespace
}  // namespace mtm::analysis
