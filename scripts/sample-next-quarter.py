"""How reports/2024-25-Q4 was made (issue 17), kept so it can be made again. `cspreport init
2024-25-Q4` on reports/ gives Q3's carried-over cases, blockers and projects; the quarter's new
rows come from `cspreport sample --out GEN --from 2023-24-Q3 --quarters 6` (its 2024-25-Q4:
activity, referrals, you said / we did, new cases, blockers and successes, ids renumbered after
Q3's), since the hand-edited quarters in reports/ are not the generator's own. Some carried-over
cases close and blockers resolve, chosen with a fixed seed. quarter.yaml was then written by hand.
usage: python3 scripts/sample-next-quarter.py reports/2024-25-Q4 GEN/2024-25-Q4"""
import csv, io, random, sys, re
init, gen = sys.argv[1], sys.argv[2]
rng = random.Random(17)

def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]

def write(path, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header); w.writerows(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(out.getvalue())

def iso(d):
    """2025-01-31, or 31/01/2025 as Excel writes it, as ISO for comparing."""
    if "/" in d:
        day, month, year = d.split("/")
        return f"{year}-{month}-{day}"
    return d

def num(i): return int(re.sub(r"\D", "", i))

# Cases: close some carried over; add the generated quarter's new ones, renumbered.
h, carried = read(f"{init}/psg-cases.csv")
_, generated = read(f"{gen}/psg-cases.csv")
next_case = max(num(r[0]) for r in carried) + 1
days = [f"2025-{m:02d}-{d:02d}" for m in (1, 2, 3) for d in (3, 7, 10, 14, 18, 21, 25, 28)]
outcomes = ["resolved"] * 5 + ["improved"] * 8 + ["no-change"] * 3 + ["referred-on"] * 2
closing = sorted(rng.sample(range(len(carried)), 18))
for k, i in enumerate(closing):
    carried[i][8] = rng.choice(days); carried[i][9] = "closed"; carried[i][10] = outcomes[k % len(outcomes)]
mapping = {}
new = []
for r in generated:
    if iso(r[7]) >= "2025-01-01":
        old = r[0]; r = list(r); r[0] = f"PSG-{next_case:04d}"; next_case += 1
        mapping[old] = r[0]; new.append(r)
write(f"{init}/psg-cases.csv", h, carried + new)
known = {r[0] for r in carried + new}

# Blockers: resolve some carried over (never the two the board was asked to decide on); add new ones.
h, blockers = read(f"{init}/blockers.csv")
_, gb = read(f"{gen}/blockers.csv")
keep = {"BLK-011", "BLK-046"}
resolutions = ["Owner agreed an action plan at the PSG; done", "Funding found from the partnership's small grants budget",
               "Landlord acted after a joint visit", "Agreed at the tasking meeting; carried out in February",
               "Post filled from February", "Escalated to the board; board chair wrote to the agency, which agreed"]
for k, i in enumerate(sorted(rng.sample([i for i, b in enumerate(blockers) if b[0] not in keep], 7))):
    blockers[i][7] = "resolved"; blockers[i][8] = rng.choice(days); blockers[i][9] = resolutions[k % len(resolutions)]
next_blocker = max(num(b[0]) for b in blockers) + 1
for b in gb:
    if iso(b[1]) >= "2025-01-01":
        b = list(b); b[0] = f"BLK-{next_blocker:03d}"; next_blocker += 1
        b[3] = mapping.get(b[3], "")
        blockers.append(b)
write(f"{init}/blockers.csv", h, blockers)

# Successes: the generated quarter's, their cases mapped (else left without a case).
h, succ = read(f"{gen}/successes.csv")
for s in succ:
    s[2] = mapping.get(s[2], "")
write(f"{init}/successes.csv", h, succ)

# Activity, referrals, you said / we did: the generated quarter's.
for name in ("carmel-activity.csv", "ocg-referrals.csv", "you-said-we-did.csv"):
    h, rows = read(f"{gen}/{name}")
    write(f"{init}/{name}", h, rows)

# Projects: two move on a stage.
h, projects = read(f"{init}/think-communities.csv")
moves = {"idea": ("scoping", "Scoping with residents began in February."),
         "scoping": ("active", "First sessions ran in March.")}
moved = 0
for p in projects:
    if p[2] in moves and moved < 2:
        p[2], p[6] = moves[p[2]]; moved += 1
write(f"{init}/think-communities.csv", h, projects)
print(f"closed {len(closing)} carried cases, {len(new)} new cases, {len(blockers)} blockers, {len(succ)} successes")
