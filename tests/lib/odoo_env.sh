# Shell functions that locate the Odoo installation behind the `odoo` command.
# Sourced by tests/run and tests/sandbox, so both agree on which Odoo, which Python and
# which addons they use. Each function prints its answer on stdout and returns non-zero
# when it has none; none of them exits, so the caller decides how loudly to fail.
#
# Environment: ODOO_RC (an Odoo config file, optional) is honoured for the addons path.

# The interpreter behind `odoo`: a console script's shebang, else the first python named
# inside a wrapper script (e.g. `exec /opt/odoo/venv/bin/python odoo-bin "$@"`).
odoo_python() {
    local odoo_bin py
    odoo_bin=$(odoo_command) || return 1
    py=$(head -n1 "$odoo_bin" | sed -n 's/^#! *\([^ ]*python[^ ]*\).*/\1/p')
    if [ -z "$py" ] || ! "$py" -c 'import odoo' 2>/dev/null; then
        py=$(grep -o '/[^ "]*/python[0-9.]*' "$odoo_bin" | head -n1)
    fi
    if [ -z "$py" ] || ! "$py" -c 'import odoo' 2>/dev/null; then
        return 1
    fi
    printf '%s\n' "$py"
}

# Odoo's major version, e.g. "18.0".  Usage: odoo_version PYTHON
odoo_version() {
    "$1" -c 'import odoo.release as r; print(r.major_version)'
}

# Odoo's own addons directories, comma-separated: those of $ODOO_RC when it names any,
# else the ones shipped next to the odoo package.  Usage: odoo_addons_path PYTHON
odoo_addons_path() {
    "$1" - <<'PY'
import os, odoo
from odoo.tools import config
conf = os.environ.get("ODOO_RC")
paths = []
if conf:
    config.parse_config(["-c", conf])
    paths = [p for p in config["addons_path"].split(",") if p]
if not paths:
    root = os.path.dirname(os.path.dirname(odoo.__file__))
    paths = [p for p in (os.path.join(root, "addons"), os.path.join(os.path.dirname(odoo.__file__), "addons"))
             if os.path.isdir(p)]
print(",".join(paths))
PY
}

# The state of MODULE in DB ("installed", "to upgrade", ...); prints nothing when the
# database or the module is missing. Extra arguments (e.g. -c FILE) go to Odoo's config.
# Usage: odoo_module_state PYTHON DB ADDONS_PATH MODULE [odoo options...]
odoo_module_state() {
    local py=$1 db=$2 addons=$3 module=$4
    shift 4
    "$py" - "$db" "$addons" "$module" "$@" 2>/dev/null <<'PY'
import sys
import odoo
from odoo.tools import config
db, addons, module = sys.argv[1:4]
config.parse_config(["--addons-path=" + addons, "-d", db] + sys.argv[4:])
with odoo.sql_db.db_connect(db).cursor() as cr:
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [module])
    row = cr.fetchone()
    print(row[0] if row else "")
PY
}

# The `odoo` command to use: $ODOO_BIN when set, else `odoo` on PATH. Prints its path.
odoo_command() {
    if [ -n "${ODOO_BIN:-}" ]; then
        [ -x "$ODOO_BIN" ] || return 1
        printf '%s\n' "$ODOO_BIN"
    else
        command -v odoo
    fi
}

# A virtual environment of our own (DIR) that sees Odoo's packages without changing them:
# built from the interpreter under Odoo's Python, with a .pth that adds Odoo's site
# directories (their own .pth files included, so editable installs of Odoo work) and the
# folder holding the `odoo` package (so tests/odoo never shadows it). Our test requirements
# (FILE) go into DIR only, constrained to the versions Odoo already has: a requirement that
# would move one of Odoo's pins fails here instead. Reinstalls only when FILE or Odoo's
# packages changed. Prints DIR's python.  Usage: odoo_overlay_venv PYTHON DIR FILE
odoo_overlay_venv() {
    local odoo_py=$1 dir=$2 reqs=$3 base stamp want py
    py="$dir/bin/python"
    want=$({ requirements_digest; "$odoo_py" -m pip freeze 2>/dev/null; echo "$odoo_py"; } | sha256sum | cut -c1-64)
    stamp="$dir/.requirements.sha256"
    if [ -x "$py" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
        printf '%s\n' "$py"
        return 0
    fi
    base=$("$odoo_py" -c 'import sys; print(getattr(sys, "_base_executable", sys.executable))') || return 1
    rm -rf "$dir"
    "$base" -m venv "$dir" >&2 || return 1
    "$odoo_py" - "$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/_odoo_env.pth" <<'PY' || return 1
import os, site, sys
import odoo
lines = []
for path in site.getsitepackages() + [site.getusersitepackages()]:
    if os.path.isdir(path):
        lines.append("import site; site.addsitedir(%r)" % path)
# The folder that holds the odoo package, as a plain entry: an editable install finds Odoo
# through an import hook that a namespace folder named "odoo" on sys.path would win over.
lines.append(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))
with open(sys.argv[1], "w") as f:
    f.write("\n".join(lines) + "\n")
PY
    local constraints
    constraints=$(mktemp)
    "$odoo_py" -m pip freeze --exclude-editable 2>/dev/null | grep -v '^-e ' > "$constraints"
    echo "Installing $reqs into $dir (Odoo's own packages untouched)" >&2
    if ! PIP_DISABLE_PIP_VERSION_CHECK=1 "$py" -m pip install --quiet -c "$constraints" -r "$reqs" >&2; then
        rm -f "$constraints"
        return 1
    fi
    rm -f "$constraints"
    printf '%s\n' "$want" > "$stamp"
    printf '%s\n' "$py"
}

# What our requirement files say, as one digest (they include each other).
requirements_digest() {
    cat requirements.txt tests/requirements*.txt | sha256sum | cut -c1-64
}

# A virtual environment (DIR) with FILE installed, rebuilt only when FILE (or what it
# includes) changed. Prints DIR's python.  Usage: test_venv PYTHON DIR FILE
test_venv() {
    local python=$1 dir=$2 reqs=$3 want py
    py="$dir/bin/python"
    want=$(requirements_digest)
    if [ -x "$py" ] && [ "$(cat "$dir/.requirements.sha256" 2>/dev/null)" = "$want" ]; then
        printf '%s\n' "$py"
        return 0
    fi
    rm -rf "$dir"
    "$python" -m venv "$dir" >&2 || return 1
    echo "Installing $reqs into $dir" >&2
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$py" -m pip install --quiet -r "$reqs" >&2 || return 1
    printf '%s\n' "$want" > "$dir/.requirements.sha256"
    printf '%s\n' "$py"
}
