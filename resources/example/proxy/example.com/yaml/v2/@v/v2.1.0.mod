module example.com/yaml/v2

go 1.21

require example.com/yaml v1.4.0
