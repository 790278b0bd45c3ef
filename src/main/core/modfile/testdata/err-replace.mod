module example.com/x

replace example.com/a => example.com/b
replace example.com/a => example.com/b@v1.0.0
replace example.com/a => ./b v1.0.0
replace example.com/a => .\\win
replace example.com/a v1 =>
replace example.com/v1 => ./x
replace x => y z w
