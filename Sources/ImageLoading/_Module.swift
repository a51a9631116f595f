// module ImageLoading
