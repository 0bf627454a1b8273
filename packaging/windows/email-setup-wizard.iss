; Inno Setup 6 script: the Windows installer for the PyInstaller bundle.
;
;   pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pyinstaller\email-setup-wizard.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\email-setup-wizard.iss
;
; makes dist\email-setup-wizard-VERSION-windows-x64-setup.exe. The version is passed in by the
; build (README.md shows how it is read from wizard/__init__.py), never
; written here. Installs per user by default (no administrator needed, into
; %LOCALAPPDATA%\Programs); the first page offers "for all users" to administrators, and
; `/ALLUSERS` or `/CURRENTUSER` choose on the command line, e.g. for silent installs
; (`/VERYSILENT /SUPPRESSMSGBOXES /ALLUSERS /TASKS=addtopath`). Needs Inno Setup 6.3 or newer.
; Saved as UTF-8 with a byte-order mark, which makes Inno Setup read the German texts right.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z email-setup-wizard.iss
#endif

#define AppName "Email Setup Wizard"
#define AppId "io.github.emailsetupwizard.EmailSetupWizard"
#define Bundle "..\..\dist\email-setup-wizard"
#define GuiExe "email-setup-wizard-gui.exe"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Email Setup Wizard developers
AppCopyright=Copyright (C) Email Setup Wizard developers. MPL-2.0.
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
; Qt 6 runs on 64-bit Windows 10 and later only.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile=email-setup-wizard.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=email-setup-wizard-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; So that a PATH change reaches Explorer and new consoles without logging out.
ChangesEnvironment=yes
; Close a running wizard before its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[CustomMessages]
english.AddToPath=Add the command-line tool (email-setup-wizard) to PATH
german.AddToPath=Das Kommandozeilenwerkzeug (email-setup-wizard) zum PATH hinzufügen
english.CommandLine=Command line:
german.CommandLine=Kommandozeile:

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "{cm:AddToPath}"; GroupDescription: "{cm:CommandLine}"; Flags: unchecked

[Files]
; The whole one-folder bundle; a new version replaces the old one's files.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that this one no longer has would otherwise be loaded beside the new.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; AppUserModelID: "{#AppId}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; AppUserModelID: "{#AppId}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
{ PATH of the installing user (per-user install) or of the machine (all users). }
function PathRoot(): Integer;
begin
  if IsAdminInstallMode() then Result := HKEY_LOCAL_MACHINE else Result := HKEY_CURRENT_USER;
end;

function PathKey(): String;
begin
  if IsAdminInstallMode() then
    Result := 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
  else
    Result := 'Environment';
end;

{ The PATH value with Dir taken out, compared case-insensitively, as Windows does. }
function WithoutDir(Path, Dir: String): String;
var
  Rest, Entry: String;
  Cut: Integer;
begin
  Result := '';
  Rest := Path + ';';
  while Rest <> '' do begin
    Cut := Pos(';', Rest);
    Entry := Copy(Rest, 1, Cut - 1);
    Delete(Rest, 1, Cut);
    if (Entry <> '') and (CompareText(RemoveBackslashUnlessRoot(Entry), Dir) <> 0) then begin
      if Result <> '' then Result := Result + ';';
      Result := Result + Entry;
    end;
  end;
end;

procedure SetPathEntry(Dir: String; Present: Boolean);
var
  Path, Updated: String;
begin
  if not RegQueryStringValue(PathRoot(), PathKey(), 'Path', Path) then Path := '';
  Updated := WithoutDir(Path, Dir);
  if Present then begin
    if Updated <> '' then Updated := Updated + ';';
    Updated := Updated + Dir;
  end;
  if Updated <> Path then
    RegWriteExpandStringValue(PathRoot(), PathKey(), 'Path', Updated);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  { An update without the task ticked takes a PATH entry of an earlier install away again. }
  if CurStep = ssPostInstall then
    SetPathEntry(ExpandConstant('{app}'), WizardIsTaskSelected('addtopath'));
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
    SetPathEntry(ExpandConstant('{app}'), False);
end;
