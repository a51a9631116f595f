// module Reporting
