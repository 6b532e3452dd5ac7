;; br_table over many entries but few distinct labels compiles to a table
;; of target numbers and a search over the targets (control.c); u16
;; entries beyond 256 targets; values carried to targets at different
;; heights; loop and function targets.
(module
  (global $g (mut i32) (i32.const 0))
  (func (export "vals") (param i32) (result i32)
    (block $a (result i32)
      (i32.const 1000)
      (block $b (result i32)
        (block $c (result i32)
          (i32.const 7)
          (local.get 0)
          (br_table $a $b $c $a $b $c $a $b $c $a $b $c $b))
        (i32.const 30)
        (i32.add))
      (i32.add)))
  (func $inner (param i32) (local i32)
    (block $out
      (loop $l
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (global.set $g (local.get 1))
        (br_if $out (i32.ge_u (local.get 1) (i32.const 3)))
        (local.get 0)
        (br_table $l $out 2 $l $out 2 $l $out 2 $l $out 2 $l)))
    (global.set $g (i32.add (global.get $g) (i32.const 100))))
  (func (export "dead") (param i32) (result i32)
    (block $a (result i32)
      (block $b (result i32)
        (br $a (i32.const 5))
        (br_table $a $b $a $b $a $b $a $b $a $b $a $b $a
                  (i32.const 1) (local.get 0)))
      (drop)
      (i32.const 6)))
  (func (export "mixed") (param i32) (result i32)
    (global.set $g (i32.const 0))
    (call $inner (local.get 0))
    (global.get $g))
  (func (export "wide") (param i32) (result i32) (local i32)
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    block
    local.get 0
    br_table 0 7 14 21 28 35 42 49 56 63 70 77 84 91 98 105 112 119 126 133 140 147 154 161 168 175 182 189 196 203 210 217 224 231 238 245 252 259 266 273 280 287 294 1 8 15 22 29 36 43 50 57 64 71 78 85 92 99 106 113 120 127 134 141 148 155 162 169 176 183 190 197 204 211 218 225 232 239 246 253 260 267 274 281 288 295 2 9 16 23 30 37 44 51 58 65 72 79 86 93 100 107 114 121 128 135 142 149 156 163 170 177 184 191 198 205 212 219 226 233 240 247 254 261 268 275 282 289 296 3 10 17 24 31 38 45 52 59 66 73 80 87 94 101 108 115 122 129 136 143 150 157 164 171 178 185 192 199 206 213 220 227 234 241 248 255 262 269 276 283 290 297 4 11 18 25 32 39 46 53 60 67 74 81 88 95 102 109 116 123 130 137 144 151 158 165 172 179 186 193 200 207 214 221 228 235 242 249 256 263 270 277 284 291 298 5 12 19 26 33 40 47 54 61 68 75 82 89 96 103 110 117 124 131 138 145 152 159 166 173 180 187 194 201 208 215 222 229 236 243 250 257 264 271 278 285 292 299 6 13 20 27 34 41 48 55 62 69 76 83 90 97 104 111 118 125 132 139 146 153 160 167 174 181 188 195 202 209 216 223 230 237 244 251 258 265 272 279 286 293 0 7 14 21 28 35 42 49 56 63 70 77 84 91 98 105 112 119 126 133 140 147 154 161 168 175 182 189 196 203 210 217 224 231 238 245 252 259 266 273 280 287 294 1 8 15 22 29 36 43 50 57 64 71 78 85 92 99 106 113 120 127 134 141 148 155 162 169 176 183 190 197 204 211 218 225 232 239 246 253 260 267 274 281 288 295 2 9 16 23 30 37 44 51 58 65 72 79 86 93 100 107 114 121 128 135 142 149 156 163 170 177 184 191 198 205 212 219 226 233 240 247 254 261 268 275 282 289 296 3 10 17 24 31 38 45 52 59 66 73 80 87 94 101 108 115 122 129 136 143 150 157 164 171 178 185 192 199 206 213 220 227 234 241 248 255 262 269 276 283 290 297 4 11 18 25 32 39 46 53 60 67 74 81 88 95 102 109 116 123 130 137 144 151 158 165 172 179 186 193 200 207 214 221 228 235 242 249 256 263 270 277 284 291 298 5 12 19 26 33 40 47 54 61 68 75 82 89 96 103 110 117 124 131 138 145 152 159 166 173 180 187 194 201 208 215 222 229 236 243 250 257 264 271 278 285 292 299 6 13 20 27 34 41 48 55 62 69 76 83 90 97 104 111 118 125 132 139 146 153 160 167 174 181 188 195 202 209 216 223 230 237 244 251 258 265 272 279 286 293 0 7 14 21 28 35 42 49 56 63 70 77 84 91 98 105 112 119 126 133 140 147 154 161 168 175 182 189 196 203 210 217 224 231 238 245 252 259 266 273 280 287 294 1 8 15 22 29 36 43 50 57 64 71 78 85 92 99 106 113 120 127 134 141 148 155 162 169 176 183 190 197 204 211 218 225 232 239 246 253 260 267 274 281 288 295 2 9 16 23 30 37 44 51 58 65 72 79 86 93 100 107 114 121 128 135 142 149 156 163 170 177 184 191 198 205 212 219 226 233 240 247 254 261 268 275 282 289 296 3 10 17 24 31 38 45 52 59 66 73 80 87 94 101 108 115 122 129 136 143 150 157 164 171 178 185 192 199 206 213 220 227 234 241 248 255 262 269 276 283 290 297 4 11 18 25 32 39 46 53 60 67 74 81 88 95 102 109 116 123 130 137 144 151 158 165 172 179 186 193 200 207 214 221 228 235 242 249 256 263 270 277 284 291 298 5 12 19 26 33 40 47 54 61 68 75 82 89 96 103 110 117 124 131 138 145 152 159 166 173 180 187 194 201 208 215 222 229 236 243 250 257 264 271 278 285 292 299 6 13 20 27 34 41 48 55 62 69 76 83 90 97 104 111 118 125 132 139 146 153 160 167 174 181 188 195 202 209 216 223 230 237 244 251 258 265 272 279 286 293 0 7 14 21 28 35 42 49 56 63 70 77 84 91 98 105 112 119 126 133 140 147 154 161 168 175 182 189 196 203 210 217 224 231 238 245 252 259 266 273 280 287 294 1 8 15 22 29 36 43 50 57 64 71 78 85 92 99 106 113 120 127 134 141 148 155 162 169 176 183 190 197 204 211 218 225 232 239 246 253 260 267 274 281 288 295 2 9 16 23 30 37 44 51 58 65 72 79 86 93 0
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    end
    local.get 1 i32.const 1 i32.add local.set 1
    local.get 1)
)
(assert_return (invoke "vals" (i32.const 0)) (i32.const 7))
(assert_return (invoke "vals" (i32.const 1)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const 2)) (i32.const 1037))
(assert_return (invoke "vals" (i32.const 3)) (i32.const 7))
(assert_return (invoke "vals" (i32.const 4)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const 5)) (i32.const 1037))
(assert_return (invoke "vals" (i32.const 6)) (i32.const 7))
(assert_return (invoke "vals" (i32.const 7)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const 8)) (i32.const 1037))
(assert_return (invoke "vals" (i32.const 9)) (i32.const 7))
(assert_return (invoke "vals" (i32.const 10)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const 11)) (i32.const 1037))
(assert_return (invoke "vals" (i32.const 12)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const 13)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const -1)) (i32.const 1007))
(assert_return (invoke "vals" (i32.const 2147483647)) (i32.const 1007))
(assert_return (invoke "mixed" (i32.const 0)) (i32.const 103))
(assert_return (invoke "mixed" (i32.const 1)) (i32.const 101))
(assert_return (invoke "mixed" (i32.const 2)) (i32.const 1))
(assert_return (invoke "mixed" (i32.const 3)) (i32.const 103))
(assert_return (invoke "mixed" (i32.const 4)) (i32.const 101))
(assert_return (invoke "mixed" (i32.const 5)) (i32.const 1))
(assert_return (invoke "mixed" (i32.const 6)) (i32.const 103))
(assert_return (invoke "mixed" (i32.const 7)) (i32.const 101))
(assert_return (invoke "mixed" (i32.const 8)) (i32.const 1))
(assert_return (invoke "mixed" (i32.const 9)) (i32.const 103))
(assert_return (invoke "mixed" (i32.const 10)) (i32.const 101))
(assert_return (invoke "mixed" (i32.const 11)) (i32.const 1))
(assert_return (invoke "mixed" (i32.const 12)) (i32.const 103))
(assert_return (invoke "mixed" (i32.const 13)) (i32.const 103))
(assert_return (invoke "mixed" (i32.const -1)) (i32.const 103))
(assert_return (invoke "wide" (i32.const 0)) (i32.const 300))
(assert_return (invoke "wide" (i32.const 1)) (i32.const 293))
(assert_return (invoke "wide" (i32.const 2)) (i32.const 286))
(assert_return (invoke "wide" (i32.const 3)) (i32.const 279))
(assert_return (invoke "wide" (i32.const 255)) (i32.const 15))
(assert_return (invoke "wide" (i32.const 256)) (i32.const 8))
(assert_return (invoke "wide" (i32.const 299)) (i32.const 7))
(assert_return (invoke "wide" (i32.const 300)) (i32.const 300))
(assert_return (invoke "wide" (i32.const 301)) (i32.const 293))
(assert_return (invoke "wide" (i32.const 511)) (i32.const 23))
(assert_return (invoke "wide" (i32.const 512)) (i32.const 16))
(assert_return (invoke "wide" (i32.const 998)) (i32.const 214))
(assert_return (invoke "wide" (i32.const 999)) (i32.const 207))
(assert_return (invoke "wide" (i32.const 1000)) (i32.const 300))
(assert_return (invoke "wide" (i32.const 1001)) (i32.const 300))
(assert_return (invoke "wide" (i32.const -1)) (i32.const 300))
(assert_return (invoke "dead" (i32.const 1)) (i32.const 5))
(assert_invalid
  (module (func (param i32) (result i32)
    (block $a (result i32)
      (block $b (result i64)
        (br_table $a $a $a $a $a $a $a $a $b $a $a $a $a
                  (i32.const 1) (local.get 0)))
      (drop) (i32.const 0))))
  "type mismatch")
