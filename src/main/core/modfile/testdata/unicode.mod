module example.com/ünïcode // Deprecated: ☃ and   sep

require example.com/日本 v1.0.0

tool "example.com/\u00e9"
