-- Reference data shared by static.sql and jobs.sql (included with \ir): session-local helpers and
-- the device types and test definitions the data set draws from. Nothing here is stored.
--
-- psql variables: seed. Loaded once per session (static.sql and jobs.sql both include it).

\if :{?reference_loaded}
\else
\set reference_loaded 1

-- pg_temp.u(key, salt): a uniform number in [0, 1) that depends only on (seed, key, salt), so that
-- every column of every generated row is reproducible whatever the plan or the order of the rows.
SELECT format($f$CREATE FUNCTION pg_temp.u(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE
  AS 'SELECT (hashint8extended(k, %s::bigint * 1000 + salt) & 2147483647)::float8 / 2147483648.0'$f$, :seed) \gexec
-- pg_temp.pick(array, key, salt): one element of the array, uniformly
CREATE FUNCTION pg_temp.pick(a text[], k bigint, salt int) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT a[1 + floor(pg_temp.u(k, salt) * cardinality(a))::int]';
-- pg_temp.hex(key, salt, n): n pseudo-random hex digits (n <= 64)
SELECT format($f$CREATE FUNCTION pg_temp.hex(k bigint, salt int, n int) RETURNS text LANGUAGE sql IMMUTABLE
  AS 'SELECT left(encode(sha256(convert_to(%s::text || '':'' || k || '':'' || salt, ''UTF8'')), ''hex''), n)'$f$, :seed) \gexec

-- Device types: real LAVA 2023.01 templates (usr/share/lava-server/device-types/NAME.jinja2),
-- their architecture, and how their jobs deploy and boot (ktype: the kernel type of a tftp deploy,
-- NULL when LAVA's schema has none for it). weight: share of the lab's devices.
CREATE TEMP TABLE dtinfo (n int, name text, arch text, bits int, family text, dtb text, image text,
                          ktype text, weight int);
INSERT INTO dtinfo VALUES
 ( 1, 'qemu',                         'x86_64', 64, 'qemu',        NULL,                                 'bzImage', 'bzimage', 10),
 ( 2, 'qemu-aarch64',                 'arm64',  64, 'qemu',        NULL,                                 'Image',   'image',   8),
 ( 3, 'beaglebone-black',             'armv7',  32, 'uboot',       'am335x-boneblack.dtb',               'zImage',  'zimage',  8),
 ( 4, 'am57xx-beagle-x15',            'armv7',  32, 'uboot',       'am57xx-beagle-x15.dtb',              'zImage',  'zimage',  5),
 ( 5, 'bcm2711-rpi-4-b',              'arm64',  64, 'uboot',       'broadcom/bcm2711-rpi-4-b.dtb',       'Image',   'image',   8),
 ( 6, 'bcm2837-rpi-3-b',              'arm64',  64, 'uboot',       'broadcom/bcm2837-rpi-3-b.dtb',       'Image',   'image',   5),
 ( 7, 'juno-uboot',                   'arm64',  64, 'uboot',       'arm/juno-r2.dtb',                    'Image',   'image',   4),
 ( 8, 'imx8mm-evk',                   'arm64',  64, 'uboot',       'freescale/imx8mm-evk.dtb',           'Image',   'image',   5),
 ( 9, 'imx8mq-evk',                   'arm64',  64, 'uboot',       'freescale/imx8mq-evk.dtb',           'Image',   'image',   3),
 (10, 'meson-g12b-a311d-khadas-vim3', 'arm64',  64, 'uboot',       'amlogic/meson-g12b-a311d-khadas-vim3.dtb', 'Image', 'image', 5),
 (11, 'rk3399-rock-pi-4b',            'arm64',  64, 'uboot',       'rockchip/rk3399-rock-pi-4b.dtb',     'Image',   'image',   5),
 (12, 'r8a7796-m3ulcb',               'arm64',  64, 'uboot',       'renesas/r8a77960-ulcb.dtb',          'Image',   'image',   3),
 (13, 'fsl-ls1028a-rdb',              'arm64',  64, 'uboot',       'freescale/fsl-ls1028a-rdb.dtb',      'Image',   'image',   2),
 (14, 'jetson-tk1',                   'armv7',  32, 'uboot',       'tegra124-jetson-tk1.dtb',            'zImage',  'zimage',  2),
 (15, 'odroid-xu3',                   'armv7',  32, 'uboot',       'exynos5422-odroidxu3.dtb',           'zImage',  'zimage',  2),
 (16, 'imx6q-sabrelite',              'armv7',  32, 'uboot',       'imx6q-sabrelite.dtb',                'zImage',  'zimage',  3),
 (17, 'sun50i-h6-pine-h64',           'arm64',  64, 'uboot',       'allwinner/sun50i-h6-pine-h64.dtb',   'Image',   'image',   3),
 (18, 'meson-gxl-s905x-libretech-cc', 'arm64',  64, 'uboot',       'amlogic/meson-gxl-s905x-libretech-cc.dtb', 'Image', 'image', 4),
 (19, 'mt8173-elm-hana',              'arm64',  64, 'depthcharge', 'mediatek/mt8173-elm-hana.dtb',       'Image',   'image',   3),
 (20, 'rk3288-veyron-jaq',            'armv7',  32, 'depthcharge', 'rk3288-veyron-jaq.dtb',              'zImage',  'zimage',  2),
 (21, 'x86',                          'x86_64', 64, 'x86',         NULL,                                 'bzImage', NULL,      6);

-- Test definitions (Linaro's test-definitions layout). big: hundreds of cases (LTP, kselftest);
-- sets: its cases are grouped in test sets; cases: the case names the suite reports.
CREATE TEMP TABLE tdefs (n int, name text, path text, big bool, sets bool, params text, cases text[]);
INSERT INTO tdefs VALUES
 ( 1, 'smoke-tests', 'automated/linux/smoke/smoke.yaml', false, false, 'TESTS: pwd, lsb_release -a, uname -a, ip a, lscpu, vmstat, lsblk',
   '{linux-posix-pwd,linux-posix-lsb_release,linux-posix-uname,linux-posix-ip,linux-posix-lscpu,linux-posix-vmstat,linux-posix-lsblk,linux-posix-lsusb,linux-posix-ifconfig,linux-posix-free}'),
 ( 2, 'ltp-syscalls', 'automated/linux/ltp/ltp.yaml', true, false, 'TST_CMDFILES: syscalls',
   '{abort,accept,accept4,access,acct,add_key,adjtimex,alarm,bind,bpf_prog,brk,capget,capset,chdir,chmod,chown,chroot,clock_adjtime,clock_getres,clock_nanosleep,clone,clone3,close,close_range,confstr,connect,copy_file_range,creat,delete_module,dup,dup2,dup3,epoll_create,epoll_ctl,epoll_wait,eventfd,execl,execve,execveat,exit,exit_group,faccessat,fallocate,fanotify,fchdir,fchmod,fchown,fcntl,fdatasync,fgetxattr,flock,fork,fpathconf,fsconfig,fsmount,fsopen,fspick,fstat,fstatfs,fsync,ftruncate,futex_wait,futex_wake,getcwd,getdents,getegid,geteuid,getgid,getgroups,gethostname,getitimer,getpagesize,getpgid,getpid,getppid,getpriority,getrandom,getrlimit,getrusage,getsid,getsockname,gettid,gettimeofday,getuid,getxattr,inotify,io_cancel,io_destroy,io_getevents,io_setup,io_submit,ioctl,ioprio_get,ioprio_set,kcmp,kill,lchown,link,linkat,listen,llseek,lseek,lstat,madvise,mbind,memfd_create,mincore,mkdir,mkdirat,mknod,mlock,mlock2,mmap,mount,move_pages,mprotect,mq_notify,mq_open,mremap,msgctl,msgget,msgrcv,msgsnd,msync,munlock,munmap,nanosleep,open,openat,pause,personality,pidfd_open,pipe,pipe2,poll,prctl,pread,preadv,process_vm_readv,pselect,ptrace,pwrite,quotactl,read,readahead,readdir,readlink,readv,reboot,recvmsg,remap_file_pages,rename,renameat,rmdir,rt_sigaction,sbrk,sched_getparam,sched_setaffinity,select,semctl,sendfile,sendmsg,set_robust_list,setfsuid,setgid,setitimer,setpgid,setrlimit,setsockopt,setuid,shmat,shmctl,sigaction,sigaltstack,signal,socket,splice,stat,statx,swapoff,swapon,symlink,sync,sysctl,sysinfo,syslog,tee,time,timer_create,timerfd,times,tkill,truncate,umask,umount,uname,unlink,unshare,utime,utimensat,vfork,vmsplice,wait4,waitid,waitpid,write,writev}'),
 ( 3, 'ltp-math', 'automated/linux/ltp/ltp.yaml', false, false, 'TST_CMDFILES: math',
   '{abs,atof,float_bessel,float_exp_log,float_iperb,float_power,float_trigo,fptest,nextafter}'),
 ( 4, 'ltp-fs', 'automated/linux/ltp/ltp.yaml', true, false, 'TST_CMDFILES: fs',
   '{gf,rwtest,iogen,fs_inod,linker,openfile,inode,ftest,lftest,writetest,stream,fs_di,fs_fill,fs_racer,quota_remount,isofs,binfmt_misc,read_all_dev,read_all_proc,read_all_sys}'),
 ( 5, 'ltp-sched', 'automated/linux/ltp/ltp.yaml', false, false, 'TST_CMDFILES: sched',
   '{pth_str01,pth_str02,pth_str03,time-schedule01,trace_sched01,hackbench01,hackbench02,cfs_bandwidth01,sched_cfs_prio,sched_getattr01,sched_setattr01}'),
 ( 6, 'kselftest-net', 'automated/linux/kselftest/kselftest.yaml', true, true, 'TST_CMDFILES: net',
   '{net_reuseport_bpf,net_reuseport_dualstack,net_reuseaddr_conflict,net_tls,net_run_netsocktests,net_run_afpackettests,net_test_bpf_sh,net_netdevice_sh,net_rtnetlink_sh,net_xfrm_policy_sh,net_fib_tests_sh,net_fib-onlink-tests_sh,net_pmtu_sh,net_udpgso_sh,net_ip_defrag_sh,net_udpgso_bench_sh,net_fib_rule_tests_sh,net_msg_zerocopy_sh,net_psock_snd_sh,net_udpgro_bench_sh,net_udpgro_sh,net_test_vxlan_under_vrf_sh,net_reuseport_addr_any_sh,net_test_vxlan_fdb_changelink_sh,net_so_txtime_sh,net_ipv6_flowlabel_sh,net_tcp_fastopen_backup_key_sh,net_fcnal-test_sh,net_l2tp_sh,net_traceroute_sh,net_fin_ack_lat_sh,net_fib_nexthop_multiprefix_sh,net_fib_nexthops_sh,net_altnames_sh,net_icmp_redirect_sh,net_ip6_gre_headroom_sh,net_route_localnet_sh,net_reuseaddr_ports_exhausted_sh,net_txtimestamp_sh,net_vrf-xfrm-tests_sh,net_rxtimestamp_sh,net_devlink_port_split_py,net_drop_monitor_tests_sh,net_vrf_route_leaking_sh,net_bareudp_sh,net_amt_sh,net_unicast_extensions_sh,net_udpgro_fwd_sh,net_veth_sh,net_ioam6_sh,net_gro_sh}'),
 ( 7, 'kselftest-timers', 'automated/linux/kselftest/kselftest.yaml', false, true, 'TST_CMDFILES: timers',
   '{timers_posix_timers,timers_nanosleep,timers_nsleep-lat,timers_set-timer-lat,timers_mqueue-lat,timers_inconsistency-check,timers_raw_skew,timers_threadtest,timers_rtcpie}'),
 ( 8, 'kselftest-seccomp', 'automated/linux/kselftest/kselftest.yaml', true, true, 'TST_CMDFILES: seccomp',
   '{global_kill_is_kill,global_user_notification_basic,global_user_notification_with_tsync,global_user_notification_kill_in_middle,global_user_notification_signal,global_user_notification_closed_listener,global_user_notification_child_pid_ns,global_user_notification_sibling_pid_ns,global_user_notification_fault_recv,global_seccomp_get_notif_sizes,global_user_notification_continue,global_user_notification_filter_empty,TRAP_dfl,TRAP_ign,TRAP_handler,precedence_allow_ok,precedence_kill_is_highest,precedence_trap_is_second,precedence_errno_is_third,precedence_trace_is_fourth,precedence_log_is_fifth,TRACE_poke_read_has_side_effects,TRACE_poke_getpid_runs_normally,TRACE_syscall_ptrace_syscall_faked,TRACE_syscall_ptrace_syscall_errno,TRACE_syscall_seccomp_negative_syscall,TSYNC_siblings_fail_prctl,TSYNC_two_siblings_with_ancestor,TSYNC_two_siblings_with_no_filter,TSYNC_two_siblings_not_under_filter}'),
 ( 9, 'libhugetlbfs', 'automated/linux/libhugetlbfs/libhugetlbfs.yaml', true, false, 'WORD_SIZE: 64',
   '{gethugepagesize,test_root,find_path,unlinked_fd,readback,truncate,shared,mprotect,mlock,misalign,ptrace-write-hugepage,icache-hygiene,slbpacaflush,straddle_4GB_static,huge_at_4GB_normal_below_static,huge_below_4GB_normal_above_static,map_high_truncate_2,misaligned_offset,truncate_above_4GB,brk_near_huge,task-size-overrun,stack_grow_into_huge,corrupt-by-cow-opt,noresv-preserve-resv-page,noresv-regarded-as-resv,readahead_reserve,madvise_reserve,fadvise_reserve,mremap-expand-slice-collision,mremap-fixed-normal-near-huge,set-resource-limits,private,fork-cow,direct,malloc,malloc_manysmall,heapshrink,chunk-overcommit,alloc-instantiate-race,truncate_reserve_wraparound,truncate_sigbus_versus_oom,counters,quota}'),
 (10, 'v4l2-compliance', 'automated/linux/v4l2/v4l2-compliance.yaml', false, false, 'VIDEO_DEVICE: /dev/video0',
   '{VIDIOC_QUERYCAP,VIDIOC_G_FMT,VIDIOC_S_FMT,VIDIOC_TRY_FMT,VIDIOC_G_PARM,VIDIOC_ENUM_FMT,VIDIOC_REQBUFS,VIDIOC_EXPBUF,VIDIOC_G_SELECTION,VIDIOC_QUERYCTRL,VIDIOC_G_CTRL,VIDIOC_S_CTRL,VIDIOC_G_EXT_CTRLS,VIDIOC_SUBSCRIBE_EVENT,VIDIOC_LOG_STATUS,VIDIOC_DBG_G_REGISTER}'),
 (11, 'igt-gpu-tools', 'automated/linux/igt/igt-test.yaml', true, true, 'TEST_LIST: CHAMELIUM',
   '{core_auth,core_getclient,core_getstats,core_getversion,core_setmaster,drm_read,kms_addfb_basic,kms_atomic,kms_atomic_transition,kms_flip,kms_vblank,kms_cursor_crc,kms_plane,kms_prop_blob,kms_properties,kms_setmode,kms_content_protection,kms_color,kms_panel_fitting,kms_pipe_crc_basic}'),
 (12, 'network-basic', 'automated/linux/network-basic/network-basic.yaml', false, false, 'INTERFACE: eth0',
   '{dhclient,ping-gateway,ping-localhost,curl-http,wget-https,route-show,ip-link,ethtool-eth0,iperf3-tcp,iperf3-udp}'),
 (13, 'usb-test', 'automated/linux/usb-smoke/usb-smoke-test.yaml', false, false, 'SKIP_INSTALL: true',
   '{lsusb,usb-devices,usb-host-mass-storage,usb-hub-reset}'),
 (14, 'boot-time', 'automated/linux/boottime/boottime.yaml', false, false, 'OPERATION: ANALYZE',
   '{KERNEL_BOOT_TIME,USERSPACE_BOOT_TIME,TOTAL_BOOT_TIME,FIRST_MESSAGE_TIME,KERNEL_MOUNT_ROOTFS,INIT_PROCESS_START}'),
 (15, 'dhrystone', 'automated/linux/dhrystone/dhrystone.yaml', false, false, 'LOOPS: 100000000',
   '{dhrystone-run-1,dhrystone-run-2,dhrystone-run-3,dhrystone-run-4,dhrystone-mean}'),
 (16, 'linux-log-parser', 'automated/linux/linux-log-parser/linux-log-parser.yaml', false, false, 'SKIP_INSTALL: true',
   '{check-kernel-panic,check-kernel-oops,check-kernel-bug,check-kernel-warning,check-kernel-exception,check-kernel-fault,check-kernel-trace}');

-- LAVA's own actions, reported in the job's "lava" suite (TestCase name, with a duration).
CREATE TEMP TABLE lava_actions AS
SELECT '{validate,http-download,download-retry,tftp-deploy,prepare-tftp-overlay,lava-overlay,compress-ramdisk,extract-modules,apply-overlay-tftp,uboot-action,bootloader-interrupt,bootloader-commands,uboot-commands,auto-login-action,reset-device,pdu-reboot,login-action,expect-shell-connection,lava-test-retry,lava-test-shell,git-repo-action,test-overlay,test-install-overlay,test-runscript-overlay,power-off,read-feedback,finalize,job}'::text[] AS a;
\endif
