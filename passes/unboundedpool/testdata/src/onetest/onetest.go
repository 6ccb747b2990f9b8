package onetest
