// module PlimsollTestSupport
