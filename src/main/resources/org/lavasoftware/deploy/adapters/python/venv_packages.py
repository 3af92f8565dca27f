# Run by a legacy venv's own interpreter (lava-deployment-tool, VenvPackages): stdlib only.
#   inspect NAME...    one tab-separated line per distribution: name, version, app (yes/no),
#                      the version the system's site-packages hold (- when none), editable dir (-)
#   wheel NAME DIR     the installed distribution packed again as a wheel in DIR; prints its path
import base64, csv, hashlib, io, json, os, re, sys, sysconfig, zipfile
import importlib.metadata as md

VENV_SITE = os.path.realpath(sysconfig.get_paths()["purelib"])


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def venv_dist(name):
    for d in md.distributions(path=[VENV_SITE]):
        if norm(d.metadata["Name"] or "") == norm(name):
            return d
    raise SystemExit("no distribution %s in %s" % (name, VENV_SITE))


def system_version(name):
    # what a venv on the system's site-packages sees once this one is gone
    path = [p for p in sys.path if p and not os.path.realpath(p).startswith(os.path.realpath(sys.prefix))]
    for d in md.distributions(path=path):
        if norm(d.metadata["Name"] or "") == norm(name):
            return d.version
    return "-"


def top_level(d):
    names = (d.read_text("top_level.txt") or "").split()
    if not names and d.files:
        names = sorted({str(f).split("/")[0].removesuffix(".py") for f in d.files
                        if not str(f).startswith("..") and ".dist-info" not in str(f).split("/")[0]
                        and ".egg-info" not in str(f).split("/")[0]})
    return names


def is_app(d):
    for pkg in top_level(d):
        base = os.path.join(VENV_SITE, pkg)
        if any(os.path.exists(os.path.join(base, f)) for f in ("apps.py", "models.py")):
            return True
    return False


def editable_dir(d):
    text = d.read_text("direct_url.json")
    if text:
        info = json.loads(text)
        if info.get("dir_info", {}).get("editable") and info.get("url", "").startswith("file://"):
            return info["url"][len("file://"):]
    for f in os.listdir(VENV_SITE):  # setup.py develop: NAME.egg-link holds the checkout
        if f.endswith(".egg-link") and norm(f[:-len(".egg-link")]) == norm(d.metadata["Name"]):
            with open(os.path.join(VENV_SITE, f)) as link:
                return link.readline().strip()
    return "-"


def inspect(names):
    for name in names:
        d = venv_dist(name)
        print(d.metadata["Name"], d.version, "yes" if is_app(d) else "no", system_version(name), editable_dir(d), sep="\t")


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def members(d):
    """(archive name, file on disk) of what the distribution installed into site-packages."""
    meta = os.path.basename(str(d._path)) if hasattr(d, "_path") else ""
    found = []
    if d.files:
        for f in d.files:
            s = str(f)
            if s.startswith("..") or s.split("/")[0] == meta or "__pycache__" in s or s.endswith(".pyc"):
                continue
            found.append((s, os.path.join(VENV_SITE, s)))
    else:  # an egg-info without a list of files: its top-level packages and modules
        for pkg in top_level(d):
            path = os.path.join(VENV_SITE, pkg)
            if os.path.isfile(path + ".py"):
                found.append((pkg + ".py", path + ".py"))
            for root, dirs, files in os.walk(path):
                dirs[:] = [x for x in dirs if x != "__pycache__"]
                for f in files:
                    if not f.endswith(".pyc"):
                        full = os.path.join(root, f)
                        found.append((os.path.relpath(full, VENV_SITE), full))
    return [(a, p) for a, p in found if os.path.isfile(p)]


def wheel(name, out):
    d = venv_dist(name)
    project = re.sub(r"[-_.]+", "_", d.metadata["Name"])
    version = d.version.replace("-", "_")
    info = "%s-%s.dist-info" % (project, version)
    target = os.path.join(out, "%s-%s-py3-none-any.whl" % (project, version))
    record = []
    with zipfile.ZipFile(target + ".part", "w", zipfile.ZIP_DEFLATED) as whl:
        def add(arcname, data):
            whl.writestr(arcname, data)
            record.append((arcname, record_hash(data), str(len(data))))
        for arcname, path in members(d):
            with open(path, "rb") as f:
                add(arcname, f.read())
        metadata = d.read_text("METADATA") or d.read_text("PKG-INFO") or "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (d.metadata["Name"], d.version)
        add(info + "/METADATA", metadata.encode())
        add(info + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: lava-deployment-tool\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        for extra in ("top_level.txt", "entry_points.txt"):
            text = d.read_text(extra)
            if text:
                add(info + "/" + extra, text.encode())
        rows = io.StringIO()
        writer = csv.writer(rows, lineterminator="\n")
        writer.writerows(record)
        writer.writerow((info + "/RECORD", "", ""))
        whl.writestr(info + "/RECORD", rows.getvalue())
    os.replace(target + ".part", target)
    print(target)


if sys.argv[1] == "inspect":
    inspect(sys.argv[2:])
elif sys.argv[1] == "wheel":
    wheel(sys.argv[2], sys.argv[3])
else:
    raise SystemExit("usage: inspect NAME... | wheel NAME DIR")
