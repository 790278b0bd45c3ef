module example.com/localmod

go 1.21

require example.com/yaml v1.4.0
