// Statistics module: see README.md
