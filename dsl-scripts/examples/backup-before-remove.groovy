// backup-before-remove.groovy: an example hook. Every removal of an instance is preceded by a
// backup of it, whether the removal is typed on the command line (`remove NAME`), in the shell, or
// run by a recipe (`instance('x').remove()`); when the backup fails, nothing is removed. The
// snapshots stay after the removal, in ROOT/backups/NAME, as those of `remove NAME --backup` do.
//
// Shipped disabled: every *.groovy file directly in dsl-scripts/ is loaded for every recipe, shell
// and operation, and not every site wants this. To enable it for the machine:
//
//   mkdir -p /etc/lava-deployment-tool/dsl.d
//   cp dsl-scripts/examples/backup-before-remove.groovy /etc/lava-deployment-tool/dsl.d/
//
// (or into ~/.config/lava-deployment-tool/dsl.d/ for one user). To disable it, remove the copy.
beforeRemove {
    // an instance whose directory is gone (only its journal is left) has nothing to back up
    if (exists()) {
        backup()
    }
}
