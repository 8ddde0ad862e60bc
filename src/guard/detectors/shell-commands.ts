/**
 * Programs an injected command typically starts with. A word after a shell
 * operator is only treated as a command when it is one of these or a path to
 * an executable, so prose such as "Tom & Jerry" is not a command. Programs
 * named by everyday words (more, less, head, make, type, net) are left out:
 * "Q&A; more to come" is prose.
 */
export const knownCommands = new Set(
  `sh bash zsh dash ksh csh tcsh fish busybox env exec eval source nohup setsid timeout xargs sudo su doas
  cat tac nl od xxd hexdump strings base64 base32 tee cp mv rm rmdir mkdir touch chmod chown chgrp ln ls
  find locate grep egrep fgrep rg awk gawk sed perl python python2 python3 ruby node nodejs deno bun php lua java
  curl wget nc ncat netcat socat telnet ssh scp sftp rsync ftp tftp openssl dig nslookup ping traceroute
  id whoami uname hostname ifconfig ip netstat ps kill pkill killall crontab systemctl service reboot shutdown halt poweroff
  mount umount dd mkfs fdisk useradd userdel usermod passwd chpasswd printenv echo printf sleep
  tar zip unzip gzip gunzip bzip2 xz git npm npx pip pip3 apt apt-get yum dnf apk brew gcc cc
  powershell pwsh cmd certutil bitsadmin mshta rundll32 regsvr32 wmic schtasks cscript wscript icacls
  takeown vssadmin bcdedit iwr irm iex invoke-webrequest invoke-expression invoke-restmethod start-process`
    .split(/\s+/)
    .filter(Boolean),
);
