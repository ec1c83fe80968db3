"""The column layout of bench/gen_survey.py, hard-coded as the peers' workload allows."""
SINGLE = [f"問{i}" for i in range(1, 21)]
SCALE = [f"問{i}" for i in range(24, 34)]
CODED = [(q, [1, 2, 3, 4, 5]) for q in SINGLE] + [(q, [1, 2, 3, 4]) for q in SCALE]
FLAG_SETS = [("問21", 12), ("問22", 10), ("問23", 8)]
FLAG_COLUMNS = {name: [f"{name}_{j}" for j in range(1, k + 1)] for name, k in FLAG_SETS}
NUMBERS = ["問34", "問35"]
DISTRICTS = list(range(1, 31))
NONRESPONSE = "無回答"
INTEGER_COLUMNS = (["回答者ID", "地区", "性別", "年齢", "世帯構成"] + SINGLE
                   + [c for name, _ in FLAG_SETS for c in FLAG_COLUMNS[name]] + SCALE + NUMBERS)
