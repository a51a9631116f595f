// module StableJSON
