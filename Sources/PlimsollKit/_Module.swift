// module PlimsollKit
