@echo off
rem bulletin.cmd - runs the bulletin command line from its distribution (bin\ beside lib\) on Windows,
rem from cmd or PowerShell, with a Java 17 or later runtime: %JAVA_HOME%\bin\java.exe if JAVA_HOME is
rem set, else the java on the PATH. BULLETIN_JAVA_OPTS replaces the JVM options below.
rem (ASCII only: cmd reads this file in the console's code page. No parenthesised block expands a
rem path: a folder such as "Program Files (x86)" would end it.)
setlocal EnableExtensions DisableDelayedExpansion

set "BULLETIN_HOME=%~dp0.."
for %%i in ("%BULLETIN_HOME%") do set "BULLETIN_HOME=%%~fi"
if not exist "%BULLETIN_HOME%\lib\" goto noLib

set "BULLETIN_JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "BULLETIN_JAVA=%JAVA_HOME%\bin\java.exe"
if not defined BULLETIN_JAVA for %%j in (java.exe) do set "BULLETIN_JAVA=%%~$PATH:j"
if not defined BULLETIN_JAVA goto noJava

rem The Java version, from the runtime's "release" file where there is one, else from "java -version".
set "BULLETIN_JAVA_VERSION="
for %%j in ("%BULLETIN_JAVA%") do set "BULLETIN_RELEASE=%%~dpj..\release"
if exist "%BULLETIN_RELEASE%" for /f "usebackq tokens=1,* delims==" %%a in ("%BULLETIN_RELEASE%") do if "%%a"=="JAVA_VERSION" set "BULLETIN_JAVA_VERSION=%%~b"
if not defined BULLETIN_JAVA_VERSION for /f "tokens=3" %%v in ('call "%BULLETIN_JAVA%" -version 2^>^&1') do if not defined BULLETIN_JAVA_VERSION set "BULLETIN_JAVA_VERSION=%%~v"
set "BULLETIN_JAVA_MAJOR="
if defined BULLETIN_JAVA_VERSION for /f "tokens=1,2 delims=.-+_" %%a in ("%BULLETIN_JAVA_VERSION%") do if "%%a"=="1" (set "BULLETIN_JAVA_MAJOR=%%b") else set "BULLETIN_JAVA_MAJOR=%%a"
if not defined BULLETIN_JAVA_MAJOR goto run
set /a "BULLETIN_JAVA_MAJOR_NUMBER=BULLETIN_JAVA_MAJOR" 2>nul
if "%BULLETIN_JAVA_MAJOR_NUMBER%"=="%BULLETIN_JAVA_MAJOR%" if %BULLETIN_JAVA_MAJOR_NUMBER% LSS 17 goto oldJava

:run
rem The same JVM options as the project's ./bulletin (see it for why): a small heap that grows only when
rem needed, the quick compiler alone, no perf-data file.
set "BULLETIN_OPTIONS=-XX:+UseSerialGC -Xms24m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData"
if defined BULLETIN_JAVA_OPTS set "BULLETIN_OPTIONS=%BULLETIN_JAVA_OPTS%"

rem bulletin writes UTF-8 (French accents, the dash in the subject): the console shows it in code page
rem 65001, which is put back as it was afterwards.
set "BULLETIN_CODEPAGE="
for /f "tokens=2 delims=:" %%c in ('chcp') do set "BULLETIN_CODEPAGE=%%c"
if defined BULLETIN_CODEPAGE set "BULLETIN_CODEPAGE=%BULLETIN_CODEPAGE: =%"
if defined BULLETIN_CODEPAGE set "BULLETIN_CODEPAGE=%BULLETIN_CODEPAGE:.=%"
if defined BULLETIN_CODEPAGE chcp 65001 >nul

"%BULLETIN_JAVA%" %BULLETIN_OPTIONS% -cp "%BULLETIN_HOME%\lib\*" org.imrap.bulletin.Main %*
set "BULLETIN_EXIT=%ERRORLEVEL%"
if defined BULLETIN_CODEPAGE chcp %BULLETIN_CODEPAGE% >nul
endlocal & exit /b %BULLETIN_EXIT%

:noLib
echo bulletin: cannot find its lib folder in "%BULLETIN_HOME%": unpack the whole archive and run bin\bulletin.cmd from it 1>&2
echo bulletin : dossier lib introuvable dans "%BULLETIN_HOME%" : extrayez toute l'archive et lancez bin\bulletin.cmd depuis son dossier 1>&2
endlocal & exit /b 69

:noJava
echo bulletin: no Java found: install a Java 17 (or later) runtime, e.g. Temurin from https://adoptium.net, and put it on the PATH or set JAVA_HOME 1>&2
echo bulletin : Java introuvable : installez Java 17 ou plus, par exemple Temurin sur https://adoptium.net, et mettez-le dans le PATH ou indiquez son dossier dans JAVA_HOME 1>&2
endlocal & exit /b 69

:oldJava
echo bulletin: needs Java 17 or later, but "%BULLETIN_JAVA%" is Java %BULLETIN_JAVA_VERSION%: install a Java 17+ runtime (https://adoptium.net) and put it first on the PATH or set JAVA_HOME to it 1>&2
echo bulletin : il faut Java 17 ou plus, mais "%BULLETIN_JAVA%" est Java %BULLETIN_JAVA_VERSION% : installez Java 17 ou plus (https://adoptium.net) et mettez-le avant l'ancien dans le PATH, ou indiquez son dossier dans JAVA_HOME 1>&2
endlocal & exit /b 69
